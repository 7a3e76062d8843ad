import {
  hashItems,
  plazaDomain,
  receiptBatchTypes,
  type SubmitContributionsResponse,
} from '@plaza/protocol';
import type { Deps } from '../deps.ts';
import type { ReceiptRow } from './build-contributions.ts';
import type { BatchRows } from './insert-batch-rows.ts';

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

/**
 * The rows of a receipt batch and of the new receipts it carries (resubmitted ones exist
 * already), written with the batch's other rows (`insertBatchRows`).
 */
export function receiptBatchRows(params: {
  batchId: string;
  batch: ReceiptBatch;
  receiptRows: readonly ReceiptRow[];
}): Pick<BatchRows, 'receiptBatches' | 'receipts'> {
  const { batch } = params;
  return {
    receiptBatches: [
      {
        id: params.batchId,
        items_hash: batch.itemsHash,
        count: batch.count,
        issued_at: batch.issuedAt,
        signature: batch.signature,
      },
    ],
    receipts: params.receiptRows.map((r) => ({ ...r, batch_id: params.batchId })),
  };
}
