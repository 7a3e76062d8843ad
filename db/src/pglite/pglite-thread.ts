import { Worker } from 'node:worker_threads';
import type {
  PgliteReply,
  PgliteRequest,
  PgliteResult,
  PgliteWorkerData,
  SerializedError,
} from './messages.ts';
import { pgliteArtifacts } from './pglite-artifacts.ts';

/** Query options drizzle's PGlite driver passes: a row mode and identity parsers of some types. */
interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

/** The part of PGlite's query interface a transaction offers. */
export interface PgliteQueryable {
  query<T>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<PgliteResult & { rows: T[] }>;
  exec(sql: string): Promise<PgliteResult[]>;
}

/** An open transaction of the PGlite thread. */
export type TransactionHandle = PgliteQueryable & { rollback(): Promise<void> };

/**
 * PGlite running in its own thread, with the interface drizzle's PGlite driver and the tests use:
 * `query`, `exec`, `transaction`, `dumpDataDir`, `close`. Each call is a message to the thread;
 * the HTTP thread never runs the database engine.
 */
export interface PgliteThread extends PgliteQueryable {
  /**
   * Runs one statement in its own transaction whose commit does not wait for fsync: a crash may
   * lose it (never half of it), and the next durable commit flushes it. For writes worth less
   * than a disk flush each, such as leases.
   */
  relaxed<T>(sql: string, params: unknown[]): Promise<PgliteResult & { rows: T[] }>;
  transaction<T>(work: (tx: TransactionHandle) => Promise<T>): Promise<T>;
  dumpDataDir(compression?: 'none'): Promise<Blob>;
  close(): Promise<void>;
}

/** An error from the PGlite thread, with the fields PostgreSQL gave it (`code`, `detail`…). */
class PgliteThreadError extends Error {
  constructor(serialized: SerializedError) {
    super(serialized.message);
    this.name = serialized.name;
    Object.assign(this, serialized.fields);
  }
}

const workerUrl = new URL('./pglite-worker.mjs', import.meta.url);

/**
 * Starts the PGlite thread on `dataDir` (opened durably and privately, see `openPglite`) and
 * answers once it is open.
 */
export async function startPgliteThread(options: {
  dataDir: string;
  loadDataDir?: Blob | undefined;
  /** @default true */
  durable?: boolean | undefined;
}): Promise<PgliteThread> {
  const data: PgliteWorkerData = {
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir ? await options.loadDataDir.arrayBuffer() : null,
    artifacts: await pgliteArtifacts(),
    durable: options.durable ?? true,
  };
  const worker = new Worker(workerUrl, {
    workerData: data,
    transferList: data.loadDataDir ? [data.loadDataDir] : [],
  });
  const { call, isExited, markClosed } = connect(worker);
  const queryable = (tx: number | null): PgliteQueryable => ({
    query: (sql, params = [], options = {}) =>
      call({
        op: 'query',
        sql,
        params,
        rowMode: options.rowMode ?? 'object',
        rawTypes: Object.keys(options.parsers ?? {}).map(Number),
        tx,
      }),
    exec: (sql) => call({ op: 'exec', sql, tx }),
  });

  async function runTransaction<T>(work: (tx: TransactionHandle) => Promise<T>): Promise<T> {
    const tx = await call<number>({ op: 'begin' });
    let ended = false;
    const end = async (commit: boolean) => {
      if (ended) return;
      ended = true;
      await call({ op: 'end', tx, commit });
    };
    let result: T;
    try {
      result = await work({ ...queryable(tx), rollback: () => end(false) });
    } catch (error) {
      await end(false).catch(() => {});
      throw error;
    }
    await end(true);
    return result;
  }

  const thread: PgliteThread = {
    ...queryable(null),
    transaction: (work) => runTransaction(work),
    relaxed: (sql, params) => call({ op: 'relaxed', sql, params }),
    async dumpDataDir() {
      return new Blob([await call<Uint8Array<ArrayBuffer>>({ op: 'dump' })]);
    },
    async close() {
      if (isExited()) return;
      await call({ op: 'close' });
      markClosed();
      await worker.terminate();
    },
  };
  // The first answer comes once the database is open (or says why it is not).
  await thread.query('select 1');
  return thread;
}

/**
 * The request/reply channel to the PGlite thread: numbered requests, their answers, and every
 * pending call failed as a closed connection if the thread dies. The thread keeps the process
 * alive only while a call is pending.
 */
function connect(worker: Worker) {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited: Error | null = null;
  worker.unref();

  worker.on('message', (reply: PgliteReply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) call.resolve(reply.value);
    else call.reject(new PgliteThreadError(reply.error));
  });
  const fail = (error: Error) => {
    // Callers see a closed connection: `isDatabaseUnavailable` answers 503, not 500.
    exited = Object.assign(new Error(`The PGlite thread stopped: ${error.message}`), {
      code: 'CONNECTION_ENDED',
      cause: error,
    });
    for (const call of pending.values()) call.reject(exited);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));

  function call<T>(request: PgliteRequest): Promise<T> {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    if (pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, ...request });
    });
  }

  return {
    call,
    isExited: () => exited !== null,
    markClosed: () => {
      worker.removeAllListeners('exit');
      exited = Object.assign(new Error('The PGlite thread was closed.'), {
        code: 'CONNECTION_ENDED',
      });
    },
  };
}
