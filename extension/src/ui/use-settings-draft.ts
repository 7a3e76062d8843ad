import { useEffect, useState } from 'react';
import { type Settings, type SettingsPatch, updateSettings } from '../lib/settings.ts';
import { type ExtensionState, kickWorker, store } from './use-extension-state.ts';

/** The settings being edited on the options page, and saving them. */
export interface SettingsDraft {
  draft: Settings;
  /** Merges a change into the draft (not saved yet). */
  set: (patch: Partial<Settings>) => void;
  /** The deny list as typed: one domain a line (commas too). */
  denyText: string;
  setDenyText: (text: string) => void;
  /** What the last save said. */
  saved: { ok: boolean; text: string } | null;
  /** Saves the draft (settings validate it) and wakes the worker. */
  save: () => Promise<void>;
}

/** The draft of the settings, seeded from the stored ones once they are read; null until then. */
export function useSettingsDraft(state: ExtensionState | null): SettingsDraft | null {
  const [draft, setDraft] = useState<Settings | null>(null);
  const [denyText, setDenyText] = useState('');
  const [saved, setSaved] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (state && !draft) {
      setDraft(state.settings);
      setDenyText(state.settings.denyList.join('\n'));
    }
  }, [state, draft]);

  if (!draft) return null;
  const save = async () => {
    const { version: _version, ...fields } = draft;
    const patch: SettingsPatch = { ...fields, denyList: parseDenyList(denyText) };
    try {
      const next = await updateSettings(store, patch);
      setDraft(next);
      setSaved({ ok: true, text: 'Saved.' });
      kickWorker();
    } catch (error) {
      setSaved({ ok: false, text: `Not saved: ${error instanceof Error ? error.message : error}` });
    }
  };
  return {
    draft,
    set: (patch) => setDraft({ ...draft, ...patch }),
    denyText,
    setDenyText,
    saved,
    save,
  };
}

function parseDenyList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}
