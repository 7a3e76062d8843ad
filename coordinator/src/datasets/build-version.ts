import { buildSharesTree, type SharesTree } from '@plaza/contracts';
import type { Address } from 'viem';
import {
  type ComputedShares,
  computeShares,
  type RoleWeights,
  TOTAL_SHARES,
} from '../attribution/compute-shares.ts';
import { rowsRoot } from '../attribution/rows-root.ts';
import { type DatasetRow, rowLine } from './dataset-row.ts';

/** What a version is, computed from its rows alone: lines, rows root, shares and their tree. */
export interface BuiltVersion {
  lines: string[];
  rowsRoot: `0x${string}`;
  shares: ComputedShares;
  tree: SharesTree;
}

/**
 * Computes a version from its rows: the JSONL lines, the Merkle root over them, every account's
 * shares (attribution rule v1) and the shares tree bound to `datasetId` and `version`. Pure:
 * `plaza verify` runs the same function on an export's rows.
 */
export async function buildVersion(
  rows: readonly DatasetRow[],
  params: { datasetId: bigint; version: number; weights: RoleWeights; total?: bigint },
): Promise<BuiltVersion> {
  const lines = rows.map(rowLine);
  const shares = computeShares(
    rows.map((row) => ({
      quality: row.quality,
      fetcher: row.provenance.payout as Address,
      labelers: row.provenance.labelers.map((l) => ({
        account: l.account as Address,
        posterior: l.posterior,
      })),
      compute: row.provenance.compute as Address[],
    })),
    params.weights,
    params.total ?? TOTAL_SHARES,
  );
  const tree = await buildSharesTree({
    datasetId: params.datasetId,
    version: BigInt(params.version),
    holders: shares.holders,
  });
  return { lines, rowsRoot: await rowsRoot(lines), shares, tree };
}
