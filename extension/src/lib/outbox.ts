import {
  type ContributionOutcome,
  CoordinatorError,
  type Receipt,
  type ReceiptBatch,
  type SubmitContributionsRequest,
  type SubmitContributionsResponse,
  verifyReceiptBatch,
} from '@plaza/protocol';
import { idbRequest, idbTransaction, stores } from './db/idb.ts';

/** A signed batch waiting for its coordinator's receipts. */
export interface OutboxEntry {
  id: string;
  coordinatorUrl: string;
  /** The coordinator's signer and chain the batch was signed for. */
  coordinator: `0x${string}`;
  chainId: number;
  /** The exact `POST /v1/contributions` body: resending it is idempotent. */
  body: SubmitContributionsRequest;
  /** Job metadata for the receipts store, by job id. */
  jobs: Record<string, { campaignId: string; url: string }>;
  createdAt: number;
  attempts: number;
  /** Not sent before this time (ms since the epoch). */
  dueAt: number;
  lastError?: string;
}

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

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  db: IDBDatabase;
  /** Sends one batch to its coordinator; throws `CoordinatorError` on failure. */
  submit: (entry: OutboxEntry) => Promise<SubmitContributionsResponse>;
  /** Called when a coordinator refused the device's token; the next try registers again. */
  onUnauthorized?: (coordinatorUrl: string) => Promise<void>;
  /** Called after receipts were stored (the activity log records the outcomes). */
  onStored?: (records: ReceiptRecord[]) => Promise<void> | void;
  now?: () => number;
  random?: () => number;
  /** First retry delay. @default 1000 */
  baseDelayMs?: number;
  /** Longest retry delay. @default 300_000 */
  maxDelayMs?: number;
}

/** Result of one {@link Outbox.flush}. */
export interface FlushResult {
  /** Batches acknowledged. */
  sent: number;
  /** Batches that failed and wait for a retry. */
  retrying: number;
  /** Batches the coordinator refused for good (their items are stored as rejected). */
  dropped: number;
  /** Batches still waiting (retrying, or not due yet). */
  pending: number;
}

/** Signed batches in IndexedDB, sent until their coordinator acknowledges them. */
export interface Outbox {
  /** Stores a batch; it is sent by the next {@link flush}. */
  add(entry: Omit<OutboxEntry, 'attempts' | 'dueAt' | 'createdAt'>): Promise<void>;
  /** Sends every due batch, oldest first; one flush at a time (a second call joins the first). */
  flush(): Promise<FlushResult>;
  pending(): Promise<number>;
  /** When the earliest waiting batch is due, or null when none waits. */
  nextDueAt(): Promise<number | null>;
}

/**
 * The outbox: a signed batch is written to IndexedDB before it is sent and deleted only in the
 * transaction that stores its receipts. A worker killed at any point loses nothing (the batch is
 * still there) and counts nothing twice: the coordinator answers a resent batch with the receipts
 * it already issued (same job, same payload), and receipts are keyed by job. Failed sends retry
 * with exponential backoff and jitter; answers that can never succeed (a malformed batch) drop
 * the batch and record its items as rejected.
 *
 * @example
 * const outbox = createOutbox({ db, submit: (e) => client.submitContributions(e.body) });
 * await outbox.add({ id: crypto.randomUUID(), coordinatorUrl, coordinator, chainId, body, jobs });
 * await outbox.flush();
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 300_000;
  const { db } = options;
  let running: Promise<FlushResult> | null = null;
  let again = false;

  const backoff = (attempts: number) => {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts - 1, 30));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };

  const readDue = () =>
    idbTransaction(db, stores.outbox, 'readonly', async (tx) => {
      const all = (await idbRequest(tx.objectStore(stores.outbox).getAll())) as OutboxEntry[];
      return all.filter((e) => e.dueAt <= now()).sort((a, b) => a.createdAt - b.createdAt);
    });

  const put = (entry: OutboxEntry) =>
    idbTransaction(db, stores.outbox, 'readwrite', async (tx) => {
      await idbRequest(tx.objectStore(stores.outbox).put(entry));
    });

  const settle = async (entry: OutboxEntry, records: ReceiptRecord[]) => {
    await idbTransaction(db, [stores.outbox, stores.receipts], 'readwrite', async (tx) => {
      const receipts = tx.objectStore(stores.receipts);
      for (const record of records) receipts.put(record);
      await idbRequest(tx.objectStore(stores.outbox).delete(entry.id));
    });
    await options.onStored?.(records);
  };

  async function send(entry: OutboxEntry): Promise<'sent' | 'retrying' | 'dropped'> {
    const meta = (jobId: string) => ({
      jobId,
      campaignId: entry.jobs[jobId]?.campaignId ?? '',
      url: entry.jobs[jobId]?.url ?? '',
      coordinatorUrl: entry.coordinatorUrl,
      storedAt: now(),
    });
    let response: SubmitContributionsResponse;
    try {
      response = await options.submit(entry);
      const receipts = response.results.flatMap((r) => (r.ok ? [r.receipt] : []));
      if (receipts.length > 0) {
        const batch = response.receiptBatch;
        const valid =
          batch !== null &&
          batch.coordinator === entry.coordinator &&
          verifyReceiptBatch({ chainId: entry.chainId, receipts, batch });
        if (!valid) {
          throw new CoordinatorError(
            'RECEIPT_SIGNATURE_INVALID',
            `The receipts from ${entry.coordinatorUrl} are not signed by ${entry.coordinator}.`,
            0,
            true,
          );
        }
      }
    } catch (error) {
      const failure = classify(error);
      if (failure.kind === 'unauthorized') await options.onUnauthorized?.(entry.coordinatorUrl);
      if (failure.kind === 'fatal') {
        await settle(
          entry,
          entry.body.items.map((item) => ({
            ...meta(item.jobId),
            outcome: 'rejected' as const,
            error: { code: failure.code, message: failure.message },
          })),
        );
        return 'dropped';
      }
      const attempts = entry.attempts + 1;
      await put({
        ...entry,
        attempts,
        dueAt: now() + (failure.kind === 'unauthorized' ? 0 : backoff(attempts)),
        lastError: `${failure.code}: ${failure.message}`,
      });
      return 'retrying';
    }
    const receipts = response.results.flatMap((r) => (r.ok ? [r.receipt] : []));
    const batch = response.receiptBatch
      ? { ...response.receiptBatch, jobIds: receipts.map((r) => r.jobId) }
      : undefined;
    await settle(
      entry,
      response.results.map((result) =>
        result.ok
          ? {
              ...meta(result.receipt.jobId),
              outcome: result.receipt.outcome,
              receipt: result.receipt,
              ...(batch ? { receiptBatch: batch } : {}),
            }
          : {
              ...meta(result.jobId),
              outcome: 'rejected' as const,
              error: { code: result.error.code, message: result.error.message },
            },
      ),
    );
    return 'sent';
  }

  async function flushOnce(): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, retrying: 0, dropped: 0, pending: 0 };
    for (const entry of await readDue()) result[await send(entry)]++;
    result.pending = await count();
    return result;
  }

  const count = () =>
    idbTransaction(db, stores.outbox, 'readonly', (tx) =>
      idbRequest(tx.objectStore(stores.outbox).count()),
    );

  return {
    add: (entry) => put({ ...entry, createdAt: now(), attempts: 0, dueAt: now() }),
    flush() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let result = await flushOnce();
        while (again) {
          again = false;
          const next = await flushOnce();
          result = {
            sent: result.sent + next.sent,
            retrying: next.retrying,
            dropped: result.dropped + next.dropped,
            pending: next.pending,
          };
        }
        return result;
      })().finally(() => {
        running = null;
      });
      return running;
    },
    pending: count,
    nextDueAt: () =>
      idbTransaction(db, stores.outbox, 'readonly', async (tx) => {
        const cursor = await idbRequest(tx.objectStore(stores.outbox).index('dueAt').openCursor());
        return cursor ? (cursor.value as OutboxEntry).dueAt : null;
      }),
  };
}

type Failure = { kind: 'retry' | 'unauthorized' | 'fatal'; code: string; message: string };

function classify(error: unknown): Failure {
  if (error instanceof CoordinatorError) {
    const { code, message } = error;
    if (code === 'UNAUTHORIZED' || code === 'DEVICE_NOT_REGISTERED') {
      return { kind: 'unauthorized', code, message };
    }
    if (error.retryable || error.status === 0 || error.status >= 500 || error.status === 429) {
      return { kind: 'retry', code, message };
    }
    return { kind: 'fatal', code, message };
  }
  // Anything else (a bug, a storage error) is retried: dropping signed work is never the default.
  return { kind: 'retry', code: 'UNEXPECTED', message: String(error) };
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
  return idbTransaction(db, stores.receipts, 'readonly', (tx) => {
    const index = tx.objectStore(stores.receipts).index('storedAt');
    return new Promise<ReceiptRecord[]>((resolve, reject) => {
      const out: ReceiptRecord[] = [];
      const request = index.openCursor(null, 'prev');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor || out.length >= limit) return resolve(out);
        out.push(cursor.value as ReceiptRecord);
        cursor.continue();
      };
    });
  });
}
