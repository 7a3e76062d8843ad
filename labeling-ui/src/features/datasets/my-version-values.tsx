import type { Campaign, CoordinatorClient } from '@plaza/protocol';
import { useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { RowValues } from './row-values.tsx';

/** Props of {@link MyVersionValues}. */
export interface MyVersionValuesProps {
  client: Pick<CoordinatorClient, 'listDatasetVersions' | 'datasetAttribution'>;
  campaign: Campaign;
  account: string;
}

/** "My labeling": the rows of the campaign's newest version the account worked on, and why each earns. */
export function MyVersionValues({ client, campaign, account }: MyVersionValuesProps) {
  const [version, setVersion] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setVersion(undefined);
    client.listDatasetVersions(campaign.id).then(
      ({ versions }) => alive && setVersion(versions[0]?.version ?? null),
      (failure: unknown) => alive && setError(formatError(failure)),
    );
    return () => {
      alive = false;
    };
  }, [client, campaign.id]);
  if (error) return <p className="error">Could not list the versions: {error}</p>;
  if (version === undefined) return <p className="loading">Loading the versions…</p>;
  if (version === null) return <p>No version of this campaign has been frozen yet.</p>;
  return (
    <>
      <p>
        Version {version}: the rows you fetched, labelled or pre-labelled, and what each earned you.
      </p>
      <RowValues client={client} campaignId={campaign.id} version={version} account={account} />
    </>
  );
}
