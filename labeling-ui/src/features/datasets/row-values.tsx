import type { AttributionResponse, CoordinatorClient } from '@plaza/protocol';
import { useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { RowValuesView } from './row-values-view.tsx';

/** Props of {@link RowValues}. */
export interface RowValuesProps {
  client: Pick<CoordinatorClient, 'datasetAttribution'>;
  campaignId: string;
  version: number;
  /** Only this account's rows, with its shares of each; all rows without. */
  account?: string | null;
  /** @default 100 */
  limit?: number;
}

/** Loads `GET …/attribution` for a version (and account) and shows each row's value and why. */
export function RowValues({ client, campaignId, version, account, limit = 100 }: RowValuesProps) {
  const [answer, setAnswer] = useState<AttributionResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setAnswer(null);
    setError(null);
    client.datasetAttribution(campaignId, version, { ...(account ? { account } : {}), limit }).then(
      (loaded) => alive && setAnswer(loaded),
      (failure: unknown) => alive && setError(formatError(failure)),
    );
    return () => {
      alive = false;
    };
  }, [client, campaignId, version, account, limit]);
  if (error) {
    return (
      <p className="error" role="alert">
        Could not load the row values: {error}
      </p>
    );
  }
  if (!answer) {
    return (
      <p className="loading" role="status">
        Loading the row values…
      </p>
    );
  }
  return <RowValuesView answer={answer} showShares={Boolean(account)} />;
}
