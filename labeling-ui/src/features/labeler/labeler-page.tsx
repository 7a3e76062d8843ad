import type { Campaign, CoordinatorClient, LabelerStats } from '@plaza/protocol';
import { useEffect, useState } from 'react';
import { formatError, isSessionError } from '../../lib/describe-error.ts';
import { LabelerStatsView } from './labeler-stats-view.tsx';

/** Props of {@link LabelerPage}. */
export interface LabelerPageProps {
  client: Pick<CoordinatorClient, 'labelerStats'>;
  campaign: Campaign;
  onSessionInvalid?: () => void;
}

/** Loads `GET /v1/labeling/me` for the campaign and shows it. */
export function LabelerPage({ client, campaign, onSessionInvalid }: LabelerPageProps) {
  const [stats, setStats] = useState<LabelerStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setStats(null);
    setError(null);
    client.labelerStats(campaign.id).then(
      (answer) => {
        if (alive) setStats(answer);
      },
      (failure: unknown) => {
        if (!alive) return;
        if (isSessionError(failure)) onSessionInvalid?.();
        setError(formatError(failure));
      },
    );
    return () => {
      alive = false;
    };
  }, [client, campaign.id, onSessionInvalid]);
  if (error) {
    return (
      <p className="error" role="alert">
        Could not load your numbers: {error}
      </p>
    );
  }
  if (!stats) {
    return (
      <p className="loading" role="status">
        Loading your numbers…
      </p>
    );
  }
  return <LabelerStatsView stats={stats} />;
}
