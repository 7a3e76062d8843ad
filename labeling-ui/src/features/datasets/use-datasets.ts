import { useCallback, useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import { type DatasetsData, loadDatasets } from './load-datasets.ts';

/** The datasets list, the error of the latest load, and a way to load it again. */
export interface DatasetsState {
  data: DatasetsData | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Loads the datasets list once, and again on `reload()` (the last good list stays shown). */
export function useDatasets(api: Pick<GovernanceApi, 'events' | 'manifest'>): DatasetsState {
  const [data, setData] = useState<DatasetsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks for a new load.
  useEffect(() => {
    let alive = true;
    setLoading(true);
    loadDatasets(api).then(
      (loaded) => {
        if (!alive) return;
        setData(loaded);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!alive) return;
        setError(formatError(failure));
        setLoading(false);
      },
    );
    return () => {
      alive = false;
    };
  }, [api, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}
