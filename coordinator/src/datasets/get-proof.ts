import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSharesTree, type SharesTree } from '@plaza/contracts';
import type { Address } from 'viem';
import { AppError, NotFoundError } from '../errors.ts';
import { versionDir } from './freeze-version.ts';
import { manifestSchema, sharesFileSchema } from './manifest.ts';

/** A holder's claim: what `claimShares` takes. */
export interface ShareProof {
  datasetId: string;
  version: number;
  account: Address;
  index: number;
  amount: string;
  proof: `0x${string}`[];
  root: `0x${string}`;
}

/** Loaded trees by version directory; a frozen version never changes, so they never go stale. */
const trees = new Map<string, Promise<{ tree: SharesTree; datasetId: string; version: number }>>();
const MAX_TREES = 16;

async function loadTree(dir: string) {
  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
  );
  const shares = sharesFileSchema.parse(
    JSON.parse(await readFile(join(dir, manifest.shares.file.name), 'utf8')),
  );
  const tree = await buildSharesTree({
    datasetId: BigInt(shares.datasetId),
    version: BigInt(shares.version),
    holders: shares.holders.map((h) => ({
      account: h.account as Address,
      amount: BigInt(h.amount),
    })),
  });
  if (tree.root !== manifest.shares.root) {
    throw new AppError('INTERNAL', `The shares of ${dir} do not give the manifest's root.`);
  }
  return { tree, datasetId: shares.datasetId, version: shares.version };
}

/**
 * The proof of an account's shares in a frozen version, from the version's `shares.json` (the tree
 * is rebuilt once per process, checked against the manifest's root, and kept).
 */
export async function getProof(
  exportsDir: string,
  params: { campaignId: string; version: number; account: Address },
): Promise<ShareProof> {
  const dir = versionDir(exportsDir, params.campaignId, params.version);
  let loading = trees.get(dir);
  if (!loading) {
    loading = loadTree(dir);
    loading.catch(() => trees.delete(dir));
    if (trees.size >= MAX_TREES) trees.delete(trees.keys().next().value as string);
    trees.set(dir, loading);
  }
  const { tree, datasetId, version } = await loading.catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NotFoundError(
        'NOT_FOUND',
        `Campaign "${params.campaignId}" has no version ${params.version}.`,
      );
    }
    throw error;
  });
  const index = tree.indexOf(params.account);
  if (index === undefined) {
    throw new NotFoundError(
      'NOT_FOUND',
      `${params.account} holds no shares in version ${params.version} of "${params.campaignId}".`,
    );
  }
  const leaf = tree.leaves[index];
  return {
    datasetId,
    version,
    account: params.account.toLowerCase() as Address,
    index,
    amount: String(leaf?.[4] ?? 0n),
    proof: tree.getProof(index),
    root: tree.root,
  };
}
