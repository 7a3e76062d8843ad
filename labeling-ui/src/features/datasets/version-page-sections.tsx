import { DownloadPanel } from '../licenses/download-panel.tsx';
import { LicenseForm } from '../licenses/license-form.tsx';
import { ProposalList } from '../licenses/proposal-list.tsx';
import { MyRevenue } from '../shares/my-revenue.tsx';
import { MyShares } from '../shares/my-shares.tsx';
import type { VersionData } from './load-version.ts';
import { RowValues } from './row-values.tsx';
import { TopContributors } from './top-contributors.tsx';
import type { VersionPage } from './use-version-page.ts';

/** Props of the version page's sections: the page's model, with its data loaded. */
export interface VersionSectionProps {
  page: VersionPage;
  data: VersionData;
}

/** The top contributors, how rows were valued, and the account's own rows. */
export function VersionValueSections({ page, data }: VersionSectionProps) {
  const { client, campaignId, version, chain, session } = page;
  return (
    <>
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
    </>
  );
}

/** The connected holder's shares and revenue. */
export function VersionHolderSections({ page, data }: VersionSectionProps) {
  const { chain, version, holding, now, readKey, onChanged, accountKey } = page;
  return (
    <>
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
          isActive={page.isOpen}
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
    </>
  );
}

/** The proposals with their votes, downloads for a licensee, and the license form. */
export function VersionLicenseSections({ page, data }: VersionSectionProps) {
  const { api, chain, campaignId, version, holding, now, readKey, onChanged } = page;
  return (
    <>
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
          key={page.accountKey}
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
          isActive={page.isOpen}
          params={data.params}
          refreshKey={readKey}
          onProposed={onChanged}
        />
      </section>
    </>
  );
}
