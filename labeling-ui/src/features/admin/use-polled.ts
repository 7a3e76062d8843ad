import { useEffect, useRef, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';

/** The latest answer of a polled load, and the error of the latest try (the last good one stays). */
export interface PolledState<T> {
  value: T | null;
  error: string | null;
}

/**
 * Calls `load` now and again every `intervalMs` after each answer (never two at once), while the
 * component is mounted, always the newest `load` given; a new `key` starts over.
 */
export function usePolled<T>(
  load: () => Promise<T>,
  key: string,
  intervalMs: number,
): PolledState<T> {
  const [state, setState] = useState<PolledState<T>>({ value: null, error: null });
  // The newest `load` (it may close over a new client), without restarting the polling.
  const latest = useRef(load);
  latest.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` loads.
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ value: null, error: null });
    async function refresh(): Promise<void> {
      try {
        const value = await latest.current();
        if (alive) setState({ value, error: null });
      } catch (failure) {
        if (alive) setState((previous) => ({ ...previous, error: formatError(failure) }));
      }
      if (alive) timer = setTimeout(() => void refresh(), intervalMs);
    }
    void refresh();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [key, intervalMs]);
  return state;
}
