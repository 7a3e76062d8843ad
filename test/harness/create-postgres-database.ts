import { randomBytes } from 'node:crypto';
import postgres, { type Sql } from 'postgres';

/** A fresh, empty PostgreSQL database that exists until `drop` is called. */
export interface PostgresDatabase {
  name: string;
  /** Connection string of the new database. */
  url: string;
  /** A small client of the new database, for setup and assertions. */
  sql: Sql;
  /** Closes `sql`, ends every other connection to the database, and drops it. Idempotent. */
  drop: () => Promise<void>;
}

/**
 * Creates an empty database on the server of `serverUrl` (default `TEST_DATABASE_URL`), named
 * `plaza_e2e_<random>`. Nothing is migrated: the coordinators migrate it when they start.
 *
 * @example
 * const database = await createPostgresDatabase();
 * try { ... } finally { await database.drop(); }
 */
export async function createPostgresDatabase(
  serverUrl: string | undefined = process.env.TEST_POSTGRES_URL ?? process.env.TEST_DATABASE_URL,
): Promise<PostgresDatabase> {
  if (!serverUrl) {
    throw new Error(
      'Neither TEST_POSTGRES_URL nor TEST_DATABASE_URL is set: no PostgreSQL server to create a database on.',
    );
  }
  const name = `plaza_e2e_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 5 });
    throw new Error(`Could not create database ${name} on ${redact(serverUrl)}.`, { cause: error });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), {
    max: 4,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
  });
  let dropping: Promise<void> | undefined;
  return {
    name,
    url: url.toString(),
    sql,
    drop: () => {
      dropping ??= (async () => {
        await sql.end({ timeout: 5 });
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end({ timeout: 5 });
      })();
      return dropping;
    },
  };
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
