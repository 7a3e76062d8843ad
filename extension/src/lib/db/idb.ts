/** The extension's IndexedDB database: what must survive a service-worker restart. */
export const PLAZA_DB_NAME = 'plaza';

/** Bumped when a store or index is added; {@link openPlazaDb} upgrades step by step. */
export const PLAZA_DB_VERSION = 1;

/** Store names. */
export const stores = {
  /** Signed batches not yet acknowledged by their coordinator. */
  outbox: 'outbox',
  /** One record per submitted job: its receipt, or why it was rejected. */
  receipts: 'receipts',
  /** Every fetch, newest last. */
  activity: 'activity',
  /** robots.txt verdicts per origin. */
  robots: 'robots',
} as const;

/**
 * Opens (creating or upgrading) the extension's database. `factory` is `indexedDB` in the browser
 * and fake-indexeddb's `IDBFactory` in unit tests.
 */
export function openPlazaDb(
  factory: IDBFactory = indexedDB,
  name: string = PLAZA_DB_NAME,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, PLAZA_DB_VERSION);
    request.onupgradeneeded = (event) => {
      const db = request.result;
      if (event.oldVersion < 1) {
        db.createObjectStore(stores.outbox, { keyPath: 'id' }).createIndex('dueAt', 'dueAt');
        const receipts = db.createObjectStore(stores.receipts, { keyPath: 'jobId' });
        receipts.createIndex('outcome', 'outcome');
        receipts.createIndex('storedAt', 'storedAt');
        db.createObjectStore(stores.activity, { keyPath: 'seq', autoIncrement: true }).createIndex(
          'jobId',
          'jobId',
        );
        db.createObjectStore(stores.robots, { keyPath: 'origin' });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`IndexedDB ${name} is blocked by another version.`));
  });
}

/** The result of one request, as a promise. */
export function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Runs `work` in one transaction and resolves with its result once the transaction committed
 * (not merely when the requests succeeded), so a caller never acts on writes that could still
 * roll back.
 */
export function idbTransaction<T>(
  db: IDBDatabase,
  storeNames: string | string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeNames, mode);
    let result: T;
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted.'));
    Promise.resolve()
      .then(() => work(tx))
      .then(
        (value) => {
          result = value;
        },
        (error: unknown) => {
          try {
            tx.abort();
          } catch {
            // already finished
          }
          reject(error);
        },
      );
  });
}

/** The values a cursor walks over, at most `limit` of them, in the cursor's order. */
export function idbCollect<T>(
  request: IDBRequest<IDBCursorWithValue | null>,
  limit: number,
): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const out: T[] = [];
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor || out.length >= limit) return resolve(out);
      out.push(cursor.value as T);
      cursor.continue();
    };
  });
}
