import { contributionBatchTypes, type ParsedContributionItem, plazaDomain } from '@plaza/protocol';
import { recoverTypedDataAddress } from 'viem';
import type { MinHasher } from '../dedup/index.ts';
import type { FastHashes } from '../signing/create-fast-hashes.ts';
import { digestItem, type ItemDigest } from './prepare-item.ts';

/** A signed batch as submitted, with what its signature is checked against. */
export interface PrepareBatchTask {
  chainId: number;
  /** The coordinator's receipt-signing address: the domain's `verifyingContract`. */
  coordinator: `0x${string}`;
  device: `0x${string}`;
  signature: `0x${string}`;
  items: readonly ParsedContributionItem[];
}

/** Every item's digest and the batch's items hash; or why the batch is refused. */
export type PrepareBatchResult =
  | { ok: true; itemsHash: `0x${string}`; digests: ItemDigest[] }
  | { ok: false; reason: 'mismatch'; index: number; field: 'textHash' | 'linksHash' }
  | { ok: false; reason: 'signature' };

/**
 * Digests every item of a batch (see {@link digestItem}) and checks the device's signature over
 * their struct hashes. Batch-level failures refuse the whole batch.
 */
export async function prepareBatch(
  task: PrepareBatchTask,
  tools: { hashes: FastHashes; minHasher: MinHasher },
): Promise<PrepareBatchResult> {
  const digests: ItemDigest[] = [];
  for (const [index, item] of task.items.entries()) {
    const digest = await digestItem(item, tools);
    if ('field' in digest) return { ok: false, reason: 'mismatch', index, field: digest.field };
    digests.push(digest);
  }
  const itemsHash = tools.hashes.items(digests.map((d) => d.structHash));
  const signer = await recoverTypedDataAddress({
    domain: plazaDomain({ chainId: task.chainId, coordinator: task.coordinator }),
    types: contributionBatchTypes,
    primaryType: 'ContributionBatch',
    message: { device: task.device, itemsHash, count: digests.length },
    signature: task.signature,
  }).catch(() => null);
  if (signer?.toLowerCase() !== task.device) return { ok: false, reason: 'signature' };
  return { ok: true, itemsHash, digests };
}
