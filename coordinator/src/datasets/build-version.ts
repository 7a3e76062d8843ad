import { buildSharesTree, type SharesTree } from '@plaza/contracts';
import type { Address, Hex } from 'viem';
import {
  type ComputedShares,
  computeShares,
  type RoleWeights,
  splitWeightedRows,
  TOTAL_SHARES,
} from '../attribution/compute-shares.ts';
import { rowsRoot } from '../attribution/rows-root.ts';
import type { RuleV2Params } from '../attribution/v2/params.ts';
import { type AttributionV2, attributeV2 } from './attribute-v2.ts';
import { type DatasetRow, rowLine } from './dataset-row.ts';

/** What a version is, computed from its rows alone: lines, rows root, shares and their tree. */
export interface BuiltVersion {
  lines: string[];
  rowsRoot: `0x${string}`;
  shares: ComputedShares;
  tree: SharesTree;
  /** Rule v2's valuation and commitments; null under rule v1. */
  v2: AttributionV2 | null;
}

/** The rule a version is attributed with: v1, or v2 with its parameters and beacon. */
export type RuleChoice =
  | { rule: 'plaza-attribution/1' }
  | { rule: 'plaza-attribution/2'; params: RuleV2Params; beacon: Hex };

/** A row's roles: who fetched it, who labelled it (with posteriors), whose compute it used. */
const roles = (row: DatasetRow) => ({
  fetcher: row.provenance.payout as Address,
  labelers: row.provenance.labelers.map((l) => ({
    account: l.account as Address,
    posterior: l.posterior,
  })),
  compute: row.provenance.compute as Address[],
});

/** The rows' lines and root alone: what the beacon's commitment binds before anything is valued. */
export async function rowsCommitment(rows: readonly DatasetRow[]) {
  const lines = rows.map(rowLine);
  return { lines, rowsRoot: await rowsRoot(lines) };
}

/**
 * Computes a version from its rows: the JSONL lines, the Merkle root over them, every account's
 * shares (rule v1: quality; rule v2: measured value blended with quality) and the shares tree
 * bound to `datasetId` and `version`. Pure: `plaza verify` runs the same function on an export.
 */
export async function buildVersion(
  rows: readonly DatasetRow[],
  params: {
    datasetId: bigint;
    version: number;
    weights: RoleWeights;
    total?: bigint;
    rule?: RuleChoice;
  },
): Promise<BuiltVersion> {
  const { lines, rowsRoot: root } = await rowsCommitment(rows);
  const total = params.total ?? TOTAL_SHARES;
  const rule = params.rule ?? { rule: 'plaza-attribution/1' };
  let v2: AttributionV2 | null = null;
  let shares: ComputedShares;
  if (rule.rule === 'plaza-attribution/2') {
    v2 = await attributeV2(rows, rule.beacon, rule.params);
    const weights = v2.weights;
    shares = splitWeightedRows(
      rows.map((row, i) => ({ ...roles(row), weight: weights[i] as bigint })),
      params.weights,
      total,
    );
  } else {
    shares = computeShares(
      rows.map((row) => ({ quality: row.quality, ...roles(row) })),
      params.weights,
      total,
    );
  }
  const tree = await buildSharesTree({
    datasetId: params.datasetId,
    version: BigInt(params.version),
    holders: shares.holders,
  });
  return { lines, rowsRoot: root, shares, tree, v2 };
}
