import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type Db } from '../client.ts';
import { migrate } from '../migrate.ts';

let snapshot: Promise<Blob> | undefined;

/** A migrated in-memory PGlite, dumped once per process so each test database opens in ~0.4 s. */
function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const handle = await createDb({ dataDir: 'memory://' });
    await migrate(handle);
    const dump = await handle.pglite!.dumpDataDir('none');
    await handle.close();
    return dump;
  })();
  return snapshot;
}

/** Which database a test gets: PostgreSQL when `TEST_DATABASE_URL` is set, else PGlite. */
export function testDialect(env: NodeJS.ProcessEnv = process.env): 'pglite' | 'postgres' {
  return env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

/**
 * A fresh, migrated, empty database for one test: an in-memory PGlite copy, or a new PostgreSQL
 * database (created from `TEST_DATABASE_URL`'s server and dropped on close).
 */
export async function createTestDb(
  dialect: 'pglite' | 'postgres' = testDialect(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<Db> {
  if (dialect === 'pglite') {
    return createDb({ dataDir: 'memory://', loadDataDir: await migratedSnapshot() });
  }
  const adminUrl = env.TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error('TEST_DATABASE_URL is not set: cannot create a PostgreSQL test db.');
  const name = `plaza_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString() });
  await migrate(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
