import { useVersionPage } from '../features/datasets/use-version-page.ts';
import { VersionOverview } from '../features/datasets/version-overview.tsx';
import {
  VersionHolderSections,
  VersionLicenseSections,
  VersionValueSections,
} from '../features/datasets/version-page-sections.tsx';
import { WalletBar } from '../features/wallet/wallet-bar.tsx';
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
  const page = useVersionPage(campaignId, version);
  const { api, data, error, now } = page;
  const title = data ? `${data.manifest.campaign.name}, version ${version}` : `Version ${version}`;
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
          <VersionValueSections page={page} data={data} />
          <VersionHolderSections page={page} data={data} />
          <VersionLicenseSections page={page} data={data} />
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
