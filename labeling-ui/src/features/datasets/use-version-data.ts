import { useCallback, useEffect, useRef, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import { loadVersion, type VersionData } from './load-version.ts';

/** How often the version page reads the events again (votes, claims, settlements). */
export const VERSION_REFRESH_MS = 5000;

/** The version's data, the error of the latest load, and a way to load it again now. */
export interface VersionDataState {
  data: VersionData | null;
  error: string | null;
  reload: () => void;
}

/**
 * Loads a version and reloads it every `intervalMs` (a reload starts only after the previous one
 * answered); `reload()` loads at once, e.g. after a transaction. The last good data stays shown.
 */
export function useVersionData(
  api: Pick<GovernanceApi, 'events' | 'manifest'>,
  campaignId: string,
  version: number,
  intervalMs = VERSION_REFRESH_MS,
): VersionDataState {
  const [data, setData] = useState<VersionData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kick = useRef<() => void>(() => undefined);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let again = false;
    setData(null);
    setError(null);
    async function refresh(): Promise<void> {
      if (running) {
        again = true;
        return;
      }
      running = true;
      clearTimeout(timer);
      try {
        const loaded = await loadVersion(api, campaignId, version);
        if (alive) {
          setData(loaded);
          setError(null);
        }
      } catch (failure) {
        if (alive) setError(formatError(failure));
      }
      running = false;
      if (!alive) return;
      if (again) {
        again = false;
        void refresh();
      } else {
        timer = setTimeout(() => void refresh(), intervalMs);
      }
    }
    kick.current = () => void refresh();
    void refresh();
    return () => {
      alive = false;
      clearTimeout(timer);
      kick.current = () => undefined;
    };
  }, [api, campaignId, version, intervalMs]);
  const reload = useCallback(() => kick.current(), []);
  return { data, error, reload };
}
