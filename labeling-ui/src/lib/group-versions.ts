import { eventsNamed, mergeEvents } from './chain-events.ts';
import type { ChainEvent, ChainEventOf } from './governance-schemas.ts';
import { parseManifestUri } from './manifest-uri.ts';

/** A version's lifecycle (the contract's `VersionStatus`, without `None`). */
export type VersionStatusName = 'pending' | 'active' | 'revoked';

/** A dataset's parameters, as registered. */
export type DatasetParams = ChainEventOf<'DatasetRegistered'>['args']['params'];

/** A dataset version, from its `VersionProposed` event and what followed. */
export interface VersionSummary {
  datasetId: bigint;
  version: number;
  /** The campaign named by the manifest URI (null when the URI is not the coordinator's). */
  campaignId: string | null;
  manifestUri: string;
  totalShares: bigint;
  sharesRoot: `0x${string}`;
  manifestHash: `0x${string}`;
  /** When the timelock ends and claims and votes open (unix seconds). */
  activatesAt: number;
  /** When share claims close; afterwards unclaimed shares' revenue is swept (unix seconds). */
  claimDeadline: number;
  /** Where unclaimed revenue goes when the version's holders voted a destination (else the dataset's). */
  sweepTo: `0x${string}` | null;
  /** As the events record it: `pending` until someone records the activation (see {@link isVersionOpen}). */
  status: VersionStatusName;
  /** The block it was proposed in. */
  proposedBlock: number;
}

/** A dataset and its versions, newest first. */
export interface DatasetSummary {
  datasetId: bigint;
  /** From `DatasetRegistered`; null when that event was not among those read. */
  publisher: `0x${string}` | null;
  params: DatasetParams | null;
  versions: VersionSummary[];
}

/** `datasetId:version`, a key for maps of versions. */
export function versionKey(datasetId: bigint, version: number): string {
  return `${datasetId}:${version}`;
}

/**
 * Groups registry events into datasets and their versions: each `VersionProposed` is a version,
 * `VersionActivated` / `VersionRevoked` set its status. Datasets and versions come newest first.
 */
export function groupVersions(events: readonly ChainEvent[]): DatasetSummary[] {
  const ordered = mergeEvents(events);
  const datasets = new Map<bigint, DatasetSummary>();
  const dataset = (datasetId: bigint): DatasetSummary => {
    let found = datasets.get(datasetId);
    if (!found) {
      found = { datasetId, publisher: null, params: null, versions: [] };
      datasets.set(datasetId, found);
    }
    return found;
  };
  const versions = new Map<string, VersionSummary>();
  for (const event of ordered) {
    if (event.name === 'DatasetRegistered') {
      const entry = dataset(event.args.datasetId);
      entry.publisher = event.args.publisher;
      entry.params = event.args.params;
    } else if (event.name === 'VersionProposed') {
      const { args } = event;
      const summary: VersionSummary = {
        datasetId: args.datasetId,
        version: args.version,
        campaignId: parseManifestUri(args.manifestURI)?.campaignId ?? null,
        manifestUri: args.manifestURI,
        totalShares: args.totalShares,
        sharesRoot: args.sharesRoot,
        manifestHash: args.manifestHash,
        activatesAt: args.activatesAt,
        claimDeadline: args.claimDeadline,
        sweepTo: null,
        status: 'pending',
        proposedBlock: event.blockNumber,
      };
      versions.set(versionKey(args.datasetId, args.version), summary);
      dataset(args.datasetId).versions.push(summary);
    } else if (event.name === 'VersionActivated' || event.name === 'VersionRevoked') {
      const summary = versions.get(versionKey(event.args.datasetId, event.args.version));
      if (summary) summary.status = event.name === 'VersionActivated' ? 'active' : 'revoked';
    } else if (event.name === 'SweepToApproved') {
      const summary = versions.get(versionKey(event.args.datasetId, event.args.version));
      if (summary) summary.sweepTo = event.args.destination;
    }
  }
  const result = [...datasets.values()].filter((entry) => entry.versions.length > 0);
  for (const entry of result) entry.versions.sort((a, b) => b.version - a.version);
  return result.sort((a, b) => (a.datasetId < b.datasetId ? 1 : -1));
}

/**
 * Whether a version's claims and votes are open at `now` (unix seconds): recorded active, or pending
 * with its timelock over (the contract opens it then, whether or not anyone records it).
 */
export function isVersionOpen(
  summary: Pick<VersionSummary, 'status' | 'activatesAt'>,
  now: number,
): boolean {
  return (
    summary.status === 'active' || (summary.status === 'pending' && now >= summary.activatesAt)
  );
}

/** A holder who claimed shares of a version. */
export interface HolderClaim {
  account: `0x${string}`;
  index: number;
  amount: bigint;
}

/** The claims of one version: holders by shares (largest first) and their sum. */
export interface ClaimsSummary {
  holders: HolderClaim[];
  claimedShares: bigint;
}

/** The `SharesClaimed` events of one version, as holders ranked by shares. */
export function summarizeClaims(
  events: readonly ChainEvent[],
  datasetId: bigint,
  version: number,
): ClaimsSummary {
  const byAccount = new Map<string, HolderClaim>();
  for (const event of eventsNamed(mergeEvents(events), 'SharesClaimed')) {
    const { args } = event;
    if (args.datasetId !== datasetId || args.version !== version) continue;
    byAccount.set(args.account, { account: args.account, index: args.index, amount: args.amount });
  }
  const holders = [...byAccount.values()].sort((a, b) =>
    a.amount === b.amount ? a.account.localeCompare(b.account) : a.amount < b.amount ? 1 : -1,
  );
  return { holders, claimedShares: holders.reduce((sum, holder) => sum + holder.amount, 0n) };
}
