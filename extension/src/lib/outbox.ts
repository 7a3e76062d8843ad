import type { SubmitContributionsRequest, SubmitContributionsResponse } from '@plaza/protocol';
import { idbRequest, idbTransaction, stores } from './db/idb.ts';
import type { ReceiptRecord } from './receipts-store.ts';
import { sendOutboxEntry } from './send-outbox-entry.ts';
import { rerunWhileAsked } from './worker/rerun-while-asked.ts';

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
  const sendDeps = {
    submit: options.submit,
    put: (entry: OutboxEntry) => putEntry(db, entry),
    settle: async (entry: OutboxEntry, records: ReceiptRecord[]) => {
      await settleEntry(db, entry, records);
      await options.onStored?.(records);
    },
    ...(options.onUnauthorized ? { onUnauthorized: options.onUnauthorized } : {}),
    backoff: (attempts: number) => {
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts - 1, 30));
      return Math.round(ceiling / 2 + (random() * ceiling) / 2);
    },
    now,
  };

  async function flushOnce(): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, retrying: 0, dropped: 0, pending: 0 };
    for (const entry of await readDue(db, now())) result[await sendOutboxEntry(sendDeps, entry)]++;
    result.pending = await countEntries(db);
    return result;
  }

  return {
    add: (entry) => putEntry(db, { ...entry, createdAt: now(), attempts: 0, dueAt: now() }),
    // One flush at a time: a call meanwhile joins it and has it go round once more.
    flush: rerunWhileAsked(flushOnce, sumRounds),
    pending: () => countEntries(db),
    nextDueAt: () => earliestDueAt(db),
  };
}

/** Two flush rounds as one: acknowledged and dropped add up; the later round says what waits. */
function sumRounds(first: FlushResult, next: FlushResult): FlushResult {
  return {
    sent: first.sent + next.sent,
    retrying: next.retrying,
    dropped: first.dropped + next.dropped,
    pending: next.pending,
  };
}

/** The entries due at `at`, oldest first. */
function readDue(db: IDBDatabase, at: number): Promise<OutboxEntry[]> {
  return idbTransaction(db, stores.outbox, 'readonly', async (tx) => {
    const all = (await idbRequest(tx.objectStore(stores.outbox).getAll())) as OutboxEntry[];
    return all.filter((e) => e.dueAt <= at).sort((a, b) => a.createdAt - b.createdAt);
  });
}

function putEntry(db: IDBDatabase, entry: OutboxEntry): Promise<void> {
  return idbTransaction(db, stores.outbox, 'readwrite', async (tx) => {
    await idbRequest(tx.objectStore(stores.outbox).put(entry));
  });
}

/** Stores the receipts records and deletes the entry in one transaction. */
function settleEntry(db: IDBDatabase, entry: OutboxEntry, records: ReceiptRecord[]) {
  return idbTransaction(db, [stores.outbox, stores.receipts], 'readwrite', async (tx) => {
    const receipts = tx.objectStore(stores.receipts);
    for (const record of records) receipts.put(record);
    await idbRequest(tx.objectStore(stores.outbox).delete(entry.id));
  });
}

function countEntries(db: IDBDatabase): Promise<number> {
  return idbTransaction(db, stores.outbox, 'readonly', (tx) =>
    idbRequest(tx.objectStore(stores.outbox).count()),
  );
}

function earliestDueAt(db: IDBDatabase): Promise<number | null> {
  return idbTransaction(db, stores.outbox, 'readonly', async (tx) => {
    const cursor = await idbRequest(tx.objectStore(stores.outbox).index('dueAt').openCursor());
    return cursor ? (cursor.value as OutboxEntry).dueAt : null;
  });
}
