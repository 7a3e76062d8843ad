import type { ContributionOutcome, Receipt, ReceiptBatch } from '@plaza/protocol';
import { idbCollect, idbRequest, idbTransaction, stores } from './db/idb.ts';

/** What became of one submitted job, as the extension keeps it. */
export interface ReceiptRecord {
  jobId: string;
  campaignId: string;
  url: string;
  coordinatorUrl: string;
  /** The receipt's outcome, or `rejected` when the coordinator refused the item. */
  outcome: ContributionOutcome | 'rejected';
  receipt?: Receipt;
  /** The coordinator's signature over the receipts of the answer, and their order. */
  receiptBatch?: ReceiptBatch & { jobIds: string[] };
  error?: { code: string; message: string };
  storedAt: number;
}

/** Counts of the stored receipts by outcome. */
export async function countReceipts(
  db: IDBDatabase,
): Promise<Record<ReceiptRecord['outcome'], number>> {
  const outcomes = [
    'accepted',
    'low_quality',
    'duplicate',
    'near_duplicate',
    'fetch_failed',
    'rejected',
  ] as const;
  return idbTransaction(db, stores.receipts, 'readonly', async (tx) => {
    const index = tx.objectStore(stores.receipts).index('outcome');
    const counts = await Promise.all(outcomes.map((o) => idbRequest(index.count(o))));
    return Object.fromEntries(outcomes.map((o, i) => [o, counts[i]!])) as Record<
      ReceiptRecord['outcome'],
      number
    >;
  });
}

/** The newest stored receipts, newest first. */
export function recentReceipts(db: IDBDatabase, limit = 20): Promise<ReceiptRecord[]> {
  return idbTransaction(db, stores.receipts, 'readonly', (tx) =>
    idbCollect<ReceiptRecord>(
      tx.objectStore(stores.receipts).index('storedAt').openCursor(null, 'prev'),
      limit,
    ),
  );
}
