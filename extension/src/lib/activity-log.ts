import { z } from 'zod';
import { idbCollect, idbRequest, idbTransaction, stores } from './db/idb.ts';

/** What happened to one fetch. */
export const fetchOutcomes = [
  /** Fetched and read; a contribution was built. */
  'ok',
  /** Redirected: the target is left to the coordinator, which checks it first. */
  'redirect',
  /** An HTTP error status; the body was not read. */
  'http_error',
  /** Never requested: the egress policy, the deny list or robots.txt refused the URL. */
  'refused',
  /** The body passed the size cap; the read was aborted. */
  'too_large',
  /** The fetch passed the time cap; it was aborted. */
  'timeout',
  /** The content type is not on the allowlist; the body was not read. */
  'bad_content_type',
  /** The request failed without an HTTP answer. */
  'network_error',
] as const;
export type FetchOutcome = (typeof fetchOutcomes)[number];

/**
 * A failure nobody waits for, logged as an `error` entry: a job that threw (`JOB_FAILED`, with the
 * job's URL), or a batch the outbox could not send (`SEND_FAILED`; it stays queued for a retry).
 */
export const backgroundFailures = ['JOB_FAILED', 'SEND_FAILED'] as const;
export type BackgroundFailure = (typeof backgroundFailures)[number];

/** One fetch in the activity log. */
export const activityEntrySchema = z.object({
  /** Assigned by the log: increasing, newest highest. */
  seq: z.number().int().optional(),
  /** When the fetch started, ms since the epoch. */
  at: z.number(),
  /**
   * `page` for a leased job, `robots` for a robots.txt check, `error` for a failure in the
   * background (outcome `error`, `code` one of {@link backgroundFailures}, `message` what failed).
   */
  kind: z.enum(['page', 'robots', 'error']),
  url: z.string(),
  finalUrl: z.string().optional(),
  /** HTTP status; 0 when there was none (refused, network error, opaque redirect). */
  status: z.number().int(),
  /** Body bytes read. */
  bytes: z.number().int().min(0),
  /** Duration in milliseconds. */
  ms: z.number().min(0),
  outcome: z.enum([...fetchOutcomes, 'error']),
  /** A refusal or error code (`IP_LITERAL`, `ROBOTS_DISALLOWED`, `TIMEOUT`, `SEND_FAILED` …). */
  code: z.string().optional(),
  /** For an `error` entry: what failed, with the error's own code and message. */
  message: z.string().max(500).optional(),
  jobId: z.string().optional(),
  campaignId: z.string().optional(),
  /** What the coordinator made of the contribution, once its receipt arrived. */
  receipt: z.string().optional(),
});
export type ActivityEntry = z.output<typeof activityEntrySchema>;

/** Entries kept; older ones are dropped as new ones arrive. @default 10_000 */
export const DEFAULT_ACTIVITY_LIMIT = 10_000;

/** The activity log over the `activity` store of the extension's database. */
export interface ActivityLog {
  /** Appends an entry; resolves with its `seq` once written. */
  append(entry: Omit<ActivityEntry, 'seq'>): Promise<number>;
  /** Records what the coordinator made of jobs on their page entries. */
  setReceipts(outcomes: readonly { jobId: string; outcome: string }[]): Promise<void>;
  /** Newest first: at most `limit` entries with `seq` below `before`. */
  list(options?: { limit?: number; before?: number }): Promise<ActivityEntry[]>;
  /** How many entries are kept. */
  count(): Promise<number>;
  /** Every kept entry, oldest first, as pretty JSON. */
  exportJson(): Promise<string>;
}

/**
 * Opens the activity log: every fetch the extension makes (URL, status, bytes, time, outcome),
 * the last `limit` kept. Appends are written in one transaction per `writeDelayMs` (the worker
 * appends several entries per page it fetches); reads and receipt updates write what is pending
 * first.
 *
 * @example
 * const log = createActivityLog(db);
 * await log.append({ at: Date.now(), kind: 'page', url, status: 200, bytes: 5120, ms: 84, outcome: 'ok' });
 * const last50 = await log.list({ limit: 50 });
 */
export function createActivityLog(
  db: IDBDatabase,
  options: { limit?: number; writeDelayMs?: number } = {},
): ActivityLog {
  const limit = options.limit ?? DEFAULT_ACTIVITY_LIMIT;
  const writer = createBatchedWriter((entries) => writeEntries(db, limit, entries), {
    delayMs: options.writeDelayMs ?? 50,
  });
  return {
    append: (entry) => {
      const checked = activityEntrySchema.safeParse(entry);
      if (!checked.success) return Promise.reject(checked.error);
      return writer.enqueue(checked.data);
    },
    setReceipts: async (outcomes) => {
      if (outcomes.length === 0) return;
      await writer.settled();
      await markReceipts(db, outcomes);
    },
    list: async ({ limit: count = 50, before } = {}) => {
      await writer.settled();
      const range = before === undefined ? null : IDBKeyRange.upperBound(before, true);
      return idbTransaction(db, stores.activity, 'readonly', (tx) =>
        idbCollect<ActivityEntry>(tx.objectStore(stores.activity).openCursor(range, 'prev'), count),
      );
    },
    count: async () => {
      await writer.settled();
      return idbTransaction(db, stores.activity, 'readonly', (tx) =>
        idbRequest(tx.objectStore(stores.activity).count()),
      );
    },
    exportJson: async () => {
      await writer.settled();
      const all = await idbTransaction(db, stores.activity, 'readonly', (tx) =>
        idbRequest(tx.objectStore(stores.activity).getAll()),
      );
      return `${JSON.stringify(all, null, 2)}\n`;
    },
  };
}

/** Entries queued and written together, one write per `delayMs`. */
interface BatchedWriter {
  /** Queues an entry; resolves with its `seq` once written. */
  enqueue(entry: ActivityEntry): Promise<number>;
  /** Resolves once nothing is queued or being written. */
  settled(): Promise<void>;
}

function createBatchedWriter(
  writeBatch: (entries: ActivityEntry[]) => Promise<number[]>,
  options: { delayMs: number },
): BatchedWriter {
  let pending: {
    entry: ActivityEntry;
    resolve: (seq: number) => void;
    reject: (e: unknown) => void;
  }[] = [];
  let writing: Promise<void> | null = null;

  const write = (): Promise<void> => {
    writing ??= new Promise<void>((resolve) => setTimeout(resolve, options.delayMs))
      .then(async () => {
        const batch = pending;
        pending = [];
        try {
          const seqs = await writeBatch(batch.map((p) => p.entry));
          for (const [i, p] of batch.entries()) p.resolve(seqs[i]!);
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      })
      .finally(() => {
        writing = null;
        if (pending.length > 0) void write();
      });
    return writing;
  };

  return {
    enqueue(entry) {
      const done = new Promise<number>((resolve, reject) => {
        pending.push({ entry, resolve, reject });
      });
      void write();
      return done;
    },
    async settled() {
      while (writing || pending.length > 0) await (writing ?? write());
    },
  };
}

/** Adds the entries in one transaction and drops what falls past `limit`; resolves with their seqs. */
function writeEntries(db: IDBDatabase, limit: number, entries: ActivityEntry[]): Promise<number[]> {
  return idbTransaction(db, stores.activity, 'readwrite', async (tx) => {
    const store = tx.objectStore(stores.activity);
    const added = await Promise.all(entries.map((entry) => idbRequest(store.add(entry))));
    const last = Number(added.at(-1));
    // Everything at or below last - limit goes: one range delete per write.
    if (last > limit) store.delete(IDBKeyRange.upperBound(last - limit));
    return added.map(Number);
  });
}

/** Records what the coordinator made of each job on its page entries. */
function markReceipts(
  db: IDBDatabase,
  outcomes: readonly { jobId: string; outcome: string }[],
): Promise<void> {
  return idbTransaction(db, stores.activity, 'readwrite', async (tx) => {
    const store = tx.objectStore(stores.activity);
    const index = store.index('jobId');
    await Promise.all(
      outcomes.map(async ({ jobId, outcome }) => {
        const rows = (await idbRequest(index.getAll(IDBKeyRange.only(jobId)))) as ActivityEntry[];
        for (const row of rows) if (row.kind === 'page') store.put({ ...row, receipt: outcome });
      }),
    );
  });
}
