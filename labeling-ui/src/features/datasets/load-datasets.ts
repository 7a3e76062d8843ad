import { formatError } from '../../lib/describe-error.ts';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import type { ChainEventName, Manifest } from '../../lib/governance-schemas.ts';
import {
  type ClaimsSummary,
  type DatasetSummary,
  groupVersions,
  summarizeClaims,
  versionKey,
} from '../../lib/group-versions.ts';

/** Every dataset version the indexer has seen, with manifests and claims. */
export interface DatasetsData {
  datasets: DatasetSummary[];
  /** By {@link versionKey}: the manifest, or why it could not be loaded. */
  manifests: Map<string, { manifest: Manifest } | { error: string }>;
  /** By {@link versionKey}. */
  claims: Map<string, ClaimsSummary>;
  /** More claims exist than one answer holds: the top contributors may miss some. */
  claimsTruncated: boolean;
  /** The last block the coordinator's indexer has mirrored. */
  indexedThrough: number | null;
}

const NAMES: readonly ChainEventName[] = [
  'DatasetRegistered',
  'VersionProposed',
  'VersionActivated',
  'VersionRevoked',
];

/**
 * Loads the datasets list: registry events and claims from `GET /v1/chain/events`, then the
 * manifest of every version the coordinator published (its URI names the campaign).
 */
export async function loadDatasets(api: Pick<GovernanceApi, 'events' | 'manifest'>) {
  const [registry, claimed] = await Promise.all([
    Promise.all(NAMES.map((name) => api.events({ name }))),
    api.events({ name: 'SharesClaimed' }),
  ]);
  const datasets = groupVersions(registry.flatMap((answer) => answer.events));
  const versions = datasets.flatMap((dataset) => dataset.versions);
  const manifests = new Map<string, { manifest: Manifest } | { error: string }>();
  await Promise.all(
    versions.map(async (version) => {
      const key = versionKey(version.datasetId, version.version);
      if (!version.campaignId) {
        manifests.set(key, {
          error: `Its manifest is not on this coordinator (${version.manifestUri}).`,
        });
        return;
      }
      try {
        manifests.set(key, { manifest: await api.manifest(version.campaignId, version.version) });
      } catch (error) {
        manifests.set(key, { error: formatError(error) });
      }
    }),
  );
  const claims = new Map<string, ClaimsSummary>();
  for (const version of versions) {
    claims.set(
      versionKey(version.datasetId, version.version),
      summarizeClaims(claimed.events, version.datasetId, version.version),
    );
  }
  const indexed = [...registry, claimed].map((answer) => answer.indexedThrough);
  return {
    datasets,
    manifests,
    claims,
    claimsTruncated: claimed.truncated,
    indexedThrough: indexed.every((n) => n !== null) ? Math.min(...(indexed as number[])) : null,
  } satisfies DatasetsData;
}
