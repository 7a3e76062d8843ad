import { mergeEvents } from '../../lib/chain-events.ts';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import type { ChainEvent, Manifest } from '../../lib/governance-schemas.ts';
import { groupProposals, type ProposalSummary } from '../../lib/group-proposals.ts';
import {
  type ClaimsSummary,
  type DatasetParams,
  groupVersions,
  summarizeClaims,
  type VersionSummary,
} from '../../lib/group-versions.ts';

/** One version, from its manifest and the chain's events. */
export interface VersionData {
  manifest: Manifest;
  datasetId: bigint;
  /** Null while the version is frozen but not (yet) proposed on chain. */
  summary: VersionSummary | null;
  /** The dataset's parameters (null when its registration was not among the events). */
  params: DatasetParams | null;
  claims: ClaimsSummary;
  proposals: ProposalSummary[];
  /** Every event read, oldest first (revenue claims among them). */
  events: ChainEvent[];
  /** Some answer held as many events as asked for: older ones may be missing. */
  truncated: boolean;
  indexedThrough: number | null;
}

/**
 * Loads a version: its manifest (which names the dataset id), the events of the version and of
 * its dataset's registration, then every event of each of its proposals (votes and
 * settlements name only the proposal).
 */
export async function loadVersion(
  api: Pick<GovernanceApi, 'events' | 'manifest'>,
  campaignId: string,
  version: number,
): Promise<VersionData> {
  const manifest = await api.manifest(campaignId, version);
  const datasetId = BigInt(manifest.datasetId);
  const [ofVersion, registration] = await Promise.all([
    api.events({ datasetId, version }),
    api.events({ datasetId, name: 'DatasetRegistered' }),
  ]);
  const proposalIds = ofVersion.events.flatMap((event) =>
    event.name === 'LicenseProposed' || event.name === 'SweepToProposed'
      ? [event.args.proposalId]
      : [],
  );
  const ofProposals = await Promise.all(
    proposalIds.map((proposalId) => api.events({ proposalId })),
  );
  const events = mergeEvents(
    ofVersion.events,
    registration.events,
    ...ofProposals.map((answer) => answer.events),
  );
  const dataset = groupVersions(events).find((entry) => entry.datasetId === datasetId);
  const answers = [ofVersion, registration, ...ofProposals];
  const indexed = answers.map((answer) => answer.indexedThrough);
  return {
    manifest,
    datasetId,
    summary: dataset?.versions.find((entry) => entry.version === version) ?? null,
    params: dataset?.params ?? null,
    claims: summarizeClaims(events, datasetId, version),
    proposals: groupProposals(events).filter(
      (proposal) => proposal.datasetId === datasetId && proposal.version === version,
    ),
    events,
    truncated: answers.some((answer) => answer.truncated),
    indexedThrough: indexed.every((n) => n !== null) ? Math.min(...(indexed as number[])) : null,
  };
}
