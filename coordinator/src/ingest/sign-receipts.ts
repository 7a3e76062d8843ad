import type { Db, PlazaTransaction } from '@plaza/db';
import { receiptBatches } from '@plaza/db';
import {
  hashItems,
  plazaDomain,
  receiptBatchTypes,
  type SubmitContributionsResponse,
} from '@plaza/protocol';
import { insertRows } from '../db/insert-rows.ts';
import type { Deps } from '../deps.ts';
import type { ReceiptRow } from './build-contributions.ts';

/** A signed receipt batch, as the answer carries it. */
export type ReceiptBatch = NonNullable<SubmitContributionsResponse['receiptBatch']>;

/** Signs the receipts of one answer (their struct hashes, in order) as one `ReceiptBatch`. */
export async function signReceipts(
  deps: Pick<Deps, 'config' | 'signer'>,
  structHashes: readonly `0x${string}`[],
  issuedAt: number,
): Promise<ReceiptBatch> {
  const itemsHash = hashItems(structHashes);
  const signature = await deps.signer.signTypedData({
    domain: plazaDomain({ chainId: deps.config.PLAZA_CHAIN_ID, coordinator: deps.signer.address }),
    types: receiptBatchTypes,
    primaryType: 'ReceiptBatch',
    message: { itemsHash, count: structHashes.length, issuedAt: BigInt(issuedAt) },
  });
  return {
    itemsHash,
    count: structHashes.length,
    issuedAt,
    coordinator: deps.signer.address.toLowerCase() as `0x${string}`,
    signature,
  };
}

/** Stores a receipt batch and the new receipts it carries (resubmitted ones exist already). */
export async function storeReceipts(
  db: Db,
  tx: PlazaTransaction,
  params: { batchId: string; batch: ReceiptBatch; receiptRows: readonly ReceiptRow[] },
): Promise<void> {
  const { batch } = params;
  await tx.insert(receiptBatches).values({
    id: params.batchId,
    itemsHash: batch.itemsHash,
    count: batch.count,
    issuedAt: batch.issuedAt,
    signature: batch.signature,
  });
  if (params.receiptRows.length === 0) return;
  await insertRows(
    db,
    tx,
    'receipts',
    params.receiptRows.map((r) => ({ ...r, batch_id: params.batchId })),
  );
}
