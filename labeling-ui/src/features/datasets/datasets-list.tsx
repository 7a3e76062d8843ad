import { formatCount, formatDecimal, formatFraction, shortAddress } from '../../lib/format.ts';
import { type ClaimsSummary, versionKey } from '../../lib/group-versions.ts';
import { routeHref } from '../../lib/route.ts';
import type { DatasetsData } from './load-datasets.ts';
import { VersionStatus } from './version-status.tsx';

/** Props of {@link DatasetsList}. */
export interface DatasetsListProps {
  data: DatasetsData;
  /** The chain's time (unix seconds). */
  now: number;
}

/** How many top contributors a row of the list names. */
const TOP = 3;

/** Every dataset and its versions: status, rows, quality floor, holders, top contributors. */
export function DatasetsList({ data, now }: DatasetsListProps) {
  if (data.datasets.length === 0) {
    return (
      <p data-testid="no-datasets">
        No dataset version is on chain yet. An operator freezes and publishes one with{' '}
        <code>plaza freeze</code>.
      </p>
    );
  }
  return (
    <>
      {data.datasets.map((dataset) => {
        const newest = dataset.versions[0];
        const newestManifest = newest
          ? data.manifests.get(versionKey(newest.datasetId, newest.version))
          : undefined;
        const name =
          newestManifest && 'manifest' in newestManifest
            ? newestManifest.manifest.campaign.name
            : (newest?.campaignId ?? 'Dataset');
        const titleId = `dataset-${dataset.datasetId}`;
        return (
          <section key={String(dataset.datasetId)} className="panel" aria-labelledby={titleId}>
            <h2 id={titleId}>
              {name} <span className="muted">· dataset #{String(dataset.datasetId)}</span>
            </h2>
            <table className="data-table">
              <caption>Versions of {name}</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Quality floor</th>
                  <th scope="col">Holders</th>
                  <th scope="col">Top contributors</th>
                  <th scope="col">Frozen</th>
                </tr>
              </thead>
              <tbody>
                {dataset.versions.map((version) => {
                  const key = versionKey(version.datasetId, version.version);
                  const loaded = data.manifests.get(key);
                  const manifest = loaded && 'manifest' in loaded ? loaded.manifest : null;
                  const claims = data.claims.get(key) ?? { holders: [], claimedShares: 0n };
                  return (
                    <tr key={key} data-testid="version-row">
                      <th scope="row">
                        {version.campaignId ? (
                          <a
                            href={routeHref({
                              name: 'dataset-version',
                              campaignId: version.campaignId,
                              version: version.version,
                            })}
                          >
                            Version {version.version}
                          </a>
                        ) : (
                          `Version ${version.version}`
                        )}
                      </th>
                      <td>
                        <VersionStatus summary={version} now={now} />
                      </td>
                      {manifest ? (
                        <>
                          <td>{formatCount(manifest.rows.count)}</td>
                          <td>{formatDecimal(manifest.attribution.qualityFloor)}</td>
                          <td>
                            {formatCount(claims.holders.length)} of{' '}
                            {formatCount(manifest.attribution.holders)} claimed
                          </td>
                        </>
                      ) : (
                        <td colSpan={3} className="muted">
                          {loaded && 'error' in loaded ? loaded.error : 'Loading the manifest…'}
                        </td>
                      )}
                      <td>
                        <TopContributorsCell claims={claims} totalShares={version.totalShares} />
                      </td>
                      <td>{manifest ? manifest.createdAt.slice(0, 10) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
      {data.claimsTruncated ? (
        <p className="hint">
          Top contributors are drawn from the latest 1,000 claims; older ones are left out here.
        </p>
      ) : null}
    </>
  );
}

function TopContributorsCell({
  claims,
  totalShares,
}: {
  claims: ClaimsSummary;
  totalShares: bigint;
}) {
  if (claims.holders.length === 0) return <span className="muted">No claims yet</span>;
  return (
    <ol className="inline-list">
      {claims.holders.slice(0, TOP).map((holder) => (
        <li key={holder.account}>
          <span title={holder.account}>{shortAddress(holder.account)}</span>{' '}
          {formatFraction(holder.amount, totalShares, 1)}
        </li>
      ))}
    </ol>
  );
}
