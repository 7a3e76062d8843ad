import './ui/styles.css';
import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { type Settings, type SettingsPatch, updateSettings } from './lib/settings.ts';
import { PayoutLink } from './ui/payout-link.tsx';
import { kickWorker, store, useExtensionState } from './ui/use-extension-state.ts';

const HOSTS = { origins: ['http://*/*', 'https://*/*'] };

/** Settings: coordinator, controls, device and payout wallet. */
export default function Options() {
  const state = useExtensionState(1);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [denyText, setDenyText] = useState('');
  const [saved, setSaved] = useState<{ ok: boolean; text: string } | null>(null);
  const [hostAccess, setHostAccess] = useState(true);

  useEffect(() => {
    if (state && !draft) {
      setDraft(state.settings);
      setDenyText(state.settings.denyList.join('\n'));
    }
  }, [state, draft]);
  useEffect(() => {
    void browser.permissions.contains(HOSTS).then(setHostAccess);
  }, []);

  if (!state || !draft) return <main>Loading…</main>;
  const set = (patch: Partial<Settings>) => setDraft({ ...draft, ...patch });
  const save = async () => {
    const { version: _version, ...fields } = draft;
    const patch: SettingsPatch = {
      ...fields,
      denyList: denyText
        .split(/[\n,]/)
        .map((line) => line.trim())
        .filter(Boolean),
    };
    try {
      const next = await updateSettings(store, patch);
      setDraft(next);
      setSaved({ ok: true, text: 'Saved.' });
      kickWorker();
    } catch (error) {
      setSaved({ ok: false, text: `Not saved: ${error instanceof Error ? error.message : error}` });
    }
  };
  const number = (value: string) => (value === '' ? Number.NaN : Number(value));

  return (
    <main style={{ maxWidth: 760 }}>
      <h1>Plaza settings</h1>
      {hostAccess ? null : (
        <p className="error">
          Plaza cannot fetch pages until you allow access to websites.{' '}
          <button
            type="button"
            onClick={() => void browser.permissions.request(HOSTS).then(setHostAccess)}
          >
            Allow
          </button>
        </p>
      )}

      <h2>Coordinator</h2>
      <label>
        URL{' '}
        <input
          type="url"
          size={40}
          data-testid="coordinator-url"
          value={draft.coordinatorUrl}
          onChange={(e) => set({ coordinatorUrl: e.target.value })}
        />
      </label>
      <p className="muted" data-testid="registration">
        {state.registration
          ? `Registered with coordinator ${state.registration.coordinator} (chain ${state.registration.chainId}).`
          : 'Not registered yet: the device registers when it first contacts the coordinator.'}
      </p>

      <h2>Controls</h2>
      <label>
        <input
          type="checkbox"
          checked={draft.paused}
          onChange={(e) => set({ paused: e.target.checked })}
        />{' '}
        Paused (no lease, fetch or submission)
      </label>
      <label>
        Daily cap{' '}
        <input
          type="number"
          min={0.1}
          step={0.1}
          data-testid="daily-cap"
          value={Number.isNaN(draft.dailyCapMb) ? '' : draft.dailyCapMb}
          onChange={(e) => set({ dailyCapMb: number(e.target.value) })}
        />{' '}
        MB of pages per day
      </label>
      <label>
        Concurrency{' '}
        <select
          value={draft.concurrency}
          onChange={(e) => set({ concurrency: Number(e.target.value) })}
        >
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>{' '}
        fetches at once
      </label>
      <label>
        <input
          type="checkbox"
          checked={draft.idleOnly}
          onChange={(e) => set({ idleOnly: e.target.checked })}
        />{' '}
        Only while I am away from the computer
      </label>
      <label>
        <input
          type="checkbox"
          checked={draft.pauseOnSaveData}
          onChange={(e) => set({ pauseOnSaveData: e.target.checked })}
        />{' '}
        No work on metered connections (data saver)
      </label>
      <label>
        On battery, only above{' '}
        <input
          type="number"
          min={0}
          max={100}
          value={Number.isNaN(draft.minBatteryPercent) ? '' : draft.minBatteryPercent}
          onChange={(e) => set({ minBatteryPercent: number(e.target.value) })}
        />{' '}
        % charge (0: no battery check)
      </label>
      <label>
        <input
          type="checkbox"
          checked={draft.computeEnabled}
          onChange={(e) => set({ computeEnabled: e.target.checked })}
        />{' '}
        Lend GPU for pre-labeling
      </label>
      <label>
        Never fetch these domains (one per line; subdomains included):
        <br />
        <textarea
          rows={5}
          cols={50}
          data-testid="deny-list"
          value={denyText}
          onChange={(e) => setDenyText(e.target.value)}
        />
      </label>
      <div className="row">
        <button type="button" data-testid="save" onClick={() => void save()}>
          Save
        </button>
        {saved ? <span className={saved.ok ? 'ok' : 'error'}>{saved.text}</span> : null}
      </div>

      <h2>This device</h2>
      <p>
        Device address:{' '}
        <span className="mono" data-testid="device-address">
          {state.address ?? '…'}
        </span>
      </p>
      <p className="muted">
        The device key was made on install and stays in this browser's extension storage. It signs
        every result; the coordinator credits its shares to the payout wallet linked below.
      </p>
      {state.address ? (
        <PayoutLink coordinatorUrl={state.settings.coordinatorUrl} device={state.address} />
      ) : null}
    </main>
  );
}
