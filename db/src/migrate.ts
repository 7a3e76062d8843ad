import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Db } from './client.ts';

/**
 * The committed migrations, applied the same way to PGlite and PostgreSQL. Found through the
 * package (not this file's place), so a bundle of this code (the built `plaza` CLI) finds them too.
 */
export const migrationsFolder = join(
  dirname(createRequire(import.meta.url).resolve('@plaza/db/package.json')),
  'migrations',
);

/** Arbitrary key of the advisory lock that serializes migrations across processes. */
const MIGRATION_LOCK_KEY = 7_400_121;

/**
 * Applies every pending migration. On PostgreSQL an advisory lock makes concurrent starts of many
 * coordinator processes safe: one migrates, the others wait and then find nothing to do.
 */
export async function migrate(handle: Db): Promise<void> {
  if (handle.dialect === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // A session lock needs one connection for lock, migrate and unlock.
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzle({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
