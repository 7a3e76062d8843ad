import type { SQL } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { type PgliteThread, startPgliteThread } from './pglite/pglite-thread.ts';
import * as schema from './schema/index.ts';
import { postgresTypes } from './value-types.ts';

const dialect = new PgDialect();

/** The drizzle database both drivers give, with Plaza's schema. */
export type PlazaDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open transaction. */
export type PlazaTransaction = Parameters<Parameters<PlazaDatabase['transaction']>[0]>[0];

/** A transaction, or the database itself: use cases take either. */
export type PlazaTx = PlazaTransaction | PlazaDatabase;

export interface CreateDbOptions {
  /** PostgreSQL connection string. When set, PostgreSQL is used; otherwise embedded PGlite. */
  url?: string | undefined;
  /** PGlite data directory. `memory://` keeps everything in memory. @default './.plaza/db' */
  dataDir?: string | undefined;
  /** A PGlite dump to start from (tests use a migrated snapshot). */
  loadDataDir?: Blob | File | undefined;
  /**
   * PGlite: commits wait for the disk (fsync). `false` only measures what durability costs
   * (the ingest benchmark); never run a coordinator without it. @default true
   */
  durable?: boolean | undefined;
  /** PostgreSQL pool size. @default 10 */
  maxConnections?: number | undefined;
}

/** An open database handle. */
export interface Db {
  db: PlazaDatabase;
  dialect: 'pglite' | 'postgres';
  /** The PostgreSQL connection string (`null` on PGlite). */
  url: string | null;
  /**
   * Runs raw SQL and returns its rows, the same on both drivers: `int8` (ids, `count(*)`) a
   * `number` (a `bigint` past 2^53), `numeric` an exact string, timestamps strings (value-types.ts).
   */
  rows: <T extends Record<string, unknown>>(query: SQL, tx?: PlazaTx) => Promise<T[]>;
  /**
   * Runs one hot statement (the lease) outside any transaction: on PostgreSQL as a named prepared
   * statement, planned once per connection; on PGlite in its own transaction that commits without
   * waiting for fsync (PGlite has one writer and no group commit, so a flush per lease would cap
   * leases at the disk's flush rate; a crash may lose the last leases, whose URLs are then leased
   * again; never a receipt, whose commit is durable).
   */
  prepared: <T extends Record<string, unknown>>(query: SQL) => Promise<T[]>;
  /** The PGlite thread, for dumps and raw queries (`null` on PostgreSQL). */
  pglite: PgliteThread | null;
  close: () => Promise<void>;
}

/**
 * Opens Plaza's database: embedded PGlite (in its own thread) in a data directory by default,
 * PostgreSQL when `url` is given. Both drivers read values the same way (see value-types.ts).
 * Call `migrate(handle)` before use.
 *
 * @example
 * const handle = await createDb({ dataDir: './.plaza/db' });
 * await migrate(handle);
 * const [row] = await handle.rows<{ n: number }>(sql`select count(*) as n from items`);
 * await handle.close();
 */
export async function createDb(options: CreateDbOptions = {}): Promise<Db> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // Values read as on PGlite: int8 a number while it is safe, numeric a string (value-types.ts).
      types: postgresTypes,
    });
    const db = nameFailedBegins(drizzlePostgres({ client, schema }) as unknown as PlazaDatabase);
    return {
      db,
      dialect: 'postgres',
      url: options.url,
      pglite: null,
      rows: async <T extends Record<string, unknown>>(query: SQL, tx?: PlazaTx) =>
        (await (tx ?? db).execute(query)) as unknown as T[],
      prepared: async <T extends Record<string, unknown>>(query: SQL) => {
        const { sql: text, params } = dialect.sqlToQuery(query);
        try {
          return (await client.unsafe(text, params as never[], {
            prepare: true,
          })) as unknown as T[];
        } catch (error) {
          // As drizzle reports a failed query, so callers read the cause the same way.
          throw new DrizzleQueryError(text, params, error as Error);
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  // PGlite runs in its own thread (durable, its directory private): the HTTP thread never runs
  // the database engine, and a long statement does not stall requests that need no database.
  const client = await startPgliteThread({
    dataDir: options.dataDir ?? './.plaza/db',
    loadDataDir: options.loadDataDir,
    durable: options.durable ?? true,
  });
  const db = drizzlePglite({ client: client as never, schema }) as unknown as PlazaDatabase;
  const rows = async <T extends Record<string, unknown>>(query: SQL, tx?: PlazaTx) =>
    ((await (tx ?? db).execute(query)) as unknown as { rows: T[] }).rows;
  return {
    db,
    dialect: 'pglite',
    url: null,
    pglite: client,
    rows,
    prepared: async <T extends Record<string, unknown>>(query: SQL) => {
      const { sql: text, params } = dialect.sqlToQuery(query);
      try {
        return (await client.relaxed<T>(text, params)).rows;
      } catch (error) {
        throw new DrizzleQueryError(text, params, error as Error);
      }
    },
    close: () => client.close(),
  };
}

/**
 * postgres-js rejects a transaction that could not get a connection (the server is down or
 * restarting) with the bare socket error, no statement named, unlike a failed query; drizzle
 * passes it on as it is. A transaction that fails before its callback ran is reported as its
 * `begin` failing, as drizzle reports a failed query, so callers tell a lost database from a
 * failed page fetch or chain call with the same socket code. Errors from the callback pass
 * through untouched.
 */
function nameFailedBegins(db: PlazaDatabase): PlazaDatabase {
  const transaction = db.transaction.bind(db);
  db.transaction = async (run, config) => {
    let began = false;
    try {
      return await transaction((tx) => {
        began = true;
        return run(tx);
      }, config);
    } catch (error) {
      if (began || !(error instanceof Error)) throw error;
      throw new DrizzleQueryError('begin', [], error);
    }
  };
  return db;
}
