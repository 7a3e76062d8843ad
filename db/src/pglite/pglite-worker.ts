import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type {
  PgliteReply,
  PgliteRequest,
  PgliteResult,
  PgliteWorkerData,
  SerializedError,
} from './messages.ts';
import { openPglite } from './open-pglite.ts';

/**
 * The PGlite thread: owns the embedded database, so its WebAssembly engine never runs on the HTTP
 * thread. Requests run as they arrive; PGlite's own lock orders them, and a transaction holds it
 * from `begin` to `end`, as it would in one thread (single statements go before transactions
 * still waiting, see `begin`).
 */
const port = parentPort!;
const data = workerData as PgliteWorkerData;
const opened = openPglite({
  dataDir: data.dataDir,
  loadDataDir: data.loadDataDir ? new Blob([data.loadDataDir]) : undefined,
  artifacts: data.artifacts,
  durable: data.durable,
});
/** Open transactions: the PGlite transaction, how to end it, and when it has ended. */
const open = new Map<
  number,
  { tx: Transaction; end: (commit: boolean) => void; settled: Promise<void> }
>();
const parserSets = new Map<string, Record<number, (value: string) => string>>();
let nextTx = 1;

port.on('message', (message: { id: number } & PgliteRequest) => {
  handle(message).then(
    (value) =>
      reply(
        { id: message.id, ok: true, value },
        value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : [],
      ),
    (error: unknown) => reply({ id: message.id, ok: false, error: serializeError(error) }),
  );
});

function reply(message: PgliteReply, transfer: ArrayBuffer[] = []) {
  port.postMessage(message, transfer);
}

async function handle(request: PgliteRequest): Promise<unknown> {
  const pglite = await opened;
  switch (request.op) {
    case 'query': {
      const target = request.tx === null ? pglite : transactionOf(request.tx);
      const result = await standalone(request.tx === null, () =>
        target.query(request.sql, request.params, {
          rowMode: request.rowMode,
          parsers: rawParsers(request.rawTypes),
        }),
      );
      return {
        rows: result.rows,
        fields: result.fields,
        affectedRows: result.affectedRows,
      } satisfies PgliteResult;
    }
    case 'relaxed': {
      const result = await standalone(true, () =>
        pglite.transaction(async (tx) => {
          await tx.exec('set local synchronous_commit = off');
          return tx.query(request.sql, request.params);
        }),
      );
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case 'exec': {
      const target = request.tx === null ? pglite : transactionOf(request.tx);
      const results = await standalone(request.tx === null, () => target.exec(request.sql));
      return results.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
    }
    case 'begin':
      return begin(pglite);
    case 'end': {
      const entry = open.get(request.tx);
      if (!entry) throw new Error(`No open transaction ${request.tx}.`);
      entry.end(request.commit);
      // Answered once COMMIT (or ROLLBACK) returned: a caller never sees a commit early.
      await entry.settled;
      return null;
    }
    case 'dump': {
      const dump = await pglite.dumpDataDir('none');
      return new Uint8Array(await dump.arrayBuffer());
    }
    case 'close':
      await pglite.close();
      return null;
  }
}

/** Statements outside any transaction that PGlite has not finished yet. */
const statements = new Set<Promise<unknown>>();
/** Settles once the last transaction begun has ended (or failed to start). */
let lastTransaction: Promise<unknown> = Promise.resolve();

/**
 * Runs a statement; one outside any transaction (`outside`) is remembered until it finishes, so
 * the next transaction lets it go first.
 */
function standalone<T>(outside: boolean, run: () => Promise<T>): Promise<T> {
  const work = run();
  if (outside) {
    statements.add(work);
    const forget = () => statements.delete(work);
    void work.then(forget, forget);
  }
  return work;
}

/**
 * Opens a transaction that stays open until its `end` request; answers with its number.
 *
 * Transactions take PGlite's lock one at a time: the next one asks for it only after this one
 * ended and the single statements queued meanwhile ran. PGlite's lock is first come, first served,
 * so otherwise a short statement (a lease's device lookup, a ready-queue refill) would wait for
 * every ingest batch queued before it; this way it waits for the one transaction holding the lock.
 * A transaction waits only for the statements queued when its turn came, so none is starved.
 */
function begin(pglite: PGlite): Promise<number> {
  const started = lastTransaction
    .then(() => Promise.allSettled([...statements]))
    .then(() => startTransaction(pglite));
  lastTransaction = started.then(
    (t) => t.settled.catch(() => {}),
    () => {},
  );
  return started.then((t) => t.id);
}

/** Starts a PGlite transaction; resolves with its number and a promise of its end once it is open. */
function startTransaction(pglite: PGlite): Promise<{ id: number; settled: Promise<void> }> {
  const id = nextTx++;
  let end!: (commit: boolean) => void;
  const decision = new Promise<boolean>((resolve) => {
    end = resolve;
  });
  return new Promise((opened, failed) => {
    const settled: Promise<void> = pglite
      .transaction(async (tx) => {
        open.set(id, { tx, end, settled });
        opened({ id, settled });
        if (!(await decision)) await tx.rollback();
      })
      .finally(() => open.delete(id));
    // Before `opened` this fails the `begin`; after it, `end` reports the outcome.
    settled.catch(failed);
  });
}

function transactionOf(id: number): Transaction {
  const entry = open.get(id);
  if (!entry) throw new Error(`No open transaction ${id}.`);
  return entry.tx;
}

function rawParsers(types: number[]) {
  const key = types.join(',');
  let parsers = parserSets.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(types.map((t) => [t, (value: string) => value]));
    parserSets.set(key, parsers);
  }
  return parsers;
}

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error', fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      fields[key] = value;
    }
  }
  return { message: error.message, name: error.name, fields };
}
