import type { Campaign, CoordinatorClient } from '@plaza/protocol';
import { useCallback, useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';

/** The campaign list and its loading state. */
export interface CampaignsState {
  campaigns: readonly Campaign[] | null;
  error: string | null;
  reload: () => void;
}

/** Loads `GET /v1/campaigns`. */
export function useCampaigns(client: Pick<CoordinatorClient, 'listCampaigns'>): CampaignsState {
  const [campaigns, setCampaigns] = useState<readonly Campaign[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick reloads on purpose.
  useEffect(() => {
    let alive = true;
    client.listCampaigns().then(
      (answer) => {
        if (!alive) return;
        setCampaigns(answer.campaigns);
        setError(null);
      },
      (failure: unknown) => {
        if (alive) setError(formatError(failure));
      },
    );
    return () => {
      alive = false;
    };
  }, [client, tick]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { campaigns, error, reload };
}
