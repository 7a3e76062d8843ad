import { useCallback, useState } from 'react';
import { useSession } from '../features/auth/session-provider.tsx';
import { RowValues } from '../features/datasets/row-values.tsx';
import { TopContributors } from '../features/datasets/top-contributors.tsx';
import { useVersionData } from '../features/datasets/use-version-data.ts';
import { VersionOverview } from '../features/datasets/version-overview.tsx';
import { DownloadPanel } from '../features/licenses/download-panel.tsx';
import { LicenseForm } from '../features/licenses/license-form.tsx';
import { ProposalList } from '../features/licenses/proposal-list.tsx';
import { MyRevenue } from '../features/shares/my-revenue.tsx';
import { MyShares } from '../features/shares/my-shares.tsx';
import { useHolding } from '../features/shares/use-holding.ts';
import { useChainNow } from '../features/wallet/use-chain-now.ts';
import { WalletBar } from '../features/wallet/wallet-bar.tsx';
import { useWallet } from '../features/wallet/wallet-provider.tsx';
import { isVersionOpen } from '../lib/group-versions.ts';
import { routeHref } from '../lib/route.ts';

/** Props of {@link DatasetVersionRoute}. */
export interface DatasetVersionRouteProps {
  campaignId: string;
  version: number;
}

/**
 * `#/datasets/<campaign>/<version>`: the version's figures and top contributors; how each row was
 * valued (and the connected account's rows, with why each earns what it earns); the connected
 * holder's shares and revenue; license proposals with votes and settlement; the license form;
 * downloads for a licensee.
 */
export function DatasetVersionRoute({ campaignId, version }: DatasetVersionRouteProps) {
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

  const title = data ? `${data.manifest.campaign.name}, version ${version}` : `Version ${version}`;
  // Open once its timelock is over, whether or not the activation was recorded on chain yet.
  const isOpen = data?.summary ? isVersionOpen(data.summary, now) : false;
  const accountKey = chain?.account ?? 'none';
  return (
    <section aria-labelledby="page-title">
      <p>
        <a href={routeHref({ name: 'datasets' })}>← All datasets</a>
      </p>
      <h1 id="page-title">{title}</h1>
      <WalletBar />
      {error ? (
        <p className="error" role="alert">
          {data ? 'Refreshing failed' : 'Could not load the version'}: {error}
        </p>
      ) : null}
      {!data ? (
        error ? null : (
          <p className="loading" role="status">
            Loading the version…
          </p>
        )
      ) : (
        <>
          <VersionOverview
            manifest={data.manifest}
            summary={data.summary}
            manifestUrl={api.url(
              `/v1/datasets/${encodeURIComponent(campaignId)}/versions/${version}/manifest`,
            )}
            now={now}
          />
          <section className="panel" aria-labelledby="contributors-title">
            <h2 id="contributors-title">Top contributors</h2>
            <TopContributors
              claims={data.claims}
              holders={data.manifest.attribution.holders}
              totalShares={data.manifest.attribution.totalShares}
            />
          </section>
          <section className="panel" aria-labelledby="values-title">
            <h2 id="values-title">How rows were valued</h2>
            <RowValues client={client} campaignId={campaignId} version={version} limit={50} />
            {chain?.account || session?.address ? (
              <>
                <h3>My rows</h3>
                <RowValues
                  client={client}
                  campaignId={campaignId}
                  version={version}
                  account={chain?.account ?? session?.address ?? null}
                />
              </>
            ) : null}
          </section>
          <section className="panel" aria-labelledby="shares-title">
            <h2 id="shares-title">My shares</h2>
            <MyShares
              key={accountKey}
              chain={chain}
              holding={holding.holding}
              holdingError={holding.error}
              datasetId={data.datasetId}
              version={version}
              totalShares={data.summary?.totalShares ?? null}
              isActive={isOpen}
              claimDeadline={data.summary?.claimDeadline ?? null}
              now={now}
              onChanged={onChanged}
            />
          </section>
          <section className="panel" aria-labelledby="revenue-title">
            <h2 id="revenue-title">My revenue</h2>
            <MyRevenue
              key={accountKey}
              chain={chain}
              datasetId={data.datasetId}
              version={version}
              claimed={holding.holding?.claimed ?? 0n}
              canClaimShares={Boolean(holding.holding?.proof)}
              events={data.events}
              refreshKey={readKey}
              onChanged={onChanged}
            />
          </section>
          <section className="panel" aria-labelledby="proposals-title">
            <h2 id="proposals-title">Proposals</h2>
            <ProposalList
              chain={chain}
              proposals={data.proposals}
              totalShares={data.summary?.totalShares ?? null}
              quorumBps={data.params?.quorumBps ?? null}
              holding={holding.holding}
              now={now}
              refreshKey={readKey}
              onChanged={onChanged}
            />
          </section>
          <section className="panel" aria-labelledby="license-title">
            <h2 id="license-title">License this version</h2>
            <DownloadPanel
              key={accountKey}
              api={api}
              chain={chain}
              campaignId={campaignId}
              version={version}
              datasetId={data.datasetId}
              now={now}
              refreshKey={readKey}
            />
            <h3>Propose a license</h3>
            <LicenseForm
              chain={chain}
              datasetId={data.datasetId}
              version={version}
              isActive={isOpen}
              params={data.params}
              refreshKey={readKey}
              onProposed={onChanged}
            />
          </section>
          {data.truncated ? (
            <p className="hint">
              This version has more events than one answer holds; the oldest may be missing here.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
