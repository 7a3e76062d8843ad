import type { GovernanceApi } from '../../lib/governance-api.ts';
import { DatasetsList } from './datasets-list.tsx';
import { useDatasets } from './use-datasets.ts';

/** Props of {@link DatasetsPage}. */
export interface DatasetsPageProps {
  api: Pick<GovernanceApi, 'events' | 'manifest'>;
  /** The chain's time (unix seconds), to say which versions are open. */
  now: number;
}

/** Loads and shows every dataset version, with a way to refresh. */
export function DatasetsPage({ api, now }: DatasetsPageProps) {
  const { data, error, loading, reload } = useDatasets(api);
  return (
    <>
      <p className="toolbar">
        <button type="button" onClick={reload} disabled={loading}>
          {loading && data ? 'Refreshing…' : 'Refresh'}
        </button>
        {data?.indexedThrough !== null && data?.indexedThrough !== undefined ? (
          <span className="muted"> Chain indexed through block {data.indexedThrough}.</span>
        ) : null}
      </p>
      {error ? (
        <p className="error" role="alert">
          Could not load the datasets: {error}
        </p>
      ) : null}
      {data ? (
        <DatasetsList data={data} now={now} />
      ) : error ? null : (
        <p className="loading" role="status">
          Loading datasets…
        </p>
      )}
    </>
  );
}
