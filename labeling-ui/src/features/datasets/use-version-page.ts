import { useCallback, useState } from 'react';
import { isVersionOpen } from '../../lib/group-versions.ts';
import { useSession } from '../auth/session-provider.tsx';
import { useHolding } from '../shares/use-holding.ts';
import { useChainNow } from '../wallet/use-chain-now.ts';
import { useWallet } from '../wallet/wallet-provider.tsx';
import { useVersionData } from './use-version-data.ts';

/**
 * Everything a version's page reads: the version's data (polled), the chain's time, the connected
 * holder's stake, and the keys that make the chain be read again after a transaction.
 */
export function useVersionPage(campaignId: string, version: number) {
  const { api, chain } = useWallet();
  const { client, session } = useSession();
  const { data, error, reload } = useVersionData(api, campaignId, version);
  const [refreshKey, setRefreshKey] = useState(0);
  const now = useChainNow(chain, refreshKey);
  const datasetId = data?.datasetId ?? null;
  // Chain reads are done again after each transaction here, and when new events were indexed
  // (another holder voted, a license was settled …).
  const readKey = `${refreshKey}/${data?.events.length ?? 0}`;
  const holding = useHolding(api, chain, { campaignId, version, datasetId }, readKey);
  // After a confirmed transaction: read the chain again at once, and the indexed events.
  const onChanged = useCallback(() => {
    setRefreshKey((n) => n + 1);
    reload();
  }, [reload]);
  return {
    api,
    chain,
    client,
    session,
    campaignId,
    version,
    data,
    error,
    now,
    holding,
    readKey,
    onChanged,
    // Open once its timelock is over, whether or not the activation was recorded on chain yet.
    isOpen: data?.summary ? isVersionOpen(data.summary, now) : false,
    accountKey: chain?.account ?? 'none',
  };
}

/** The model {@link useVersionPage} gives the page. */
export type VersionPage = ReturnType<typeof useVersionPage>;
