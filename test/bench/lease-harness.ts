import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type Db, migrate } from '@plaza/db';
import { percentile } from '@plaza/test-kit/bench';
import postgres from 'postgres';
import { pgliteRunner, postgresRunner, type SqlRunner } from '../harness/mark-hosts-ready.ts';
import { childResult } from './child-result.ts';
import type { LeaseLoadConfig, LeaseLoadResult } from './lease-load.ts';

const testDir = fileURLToPath(new URL('..', import.meta.url));
const loadScript = fileURLToPath(new URL('./lease-load.ts', import.meta.url));

/** Prints one window of the lease load. */
export function report(label: string, what: string, r: LeaseLoadResult) {
  console.log(
    `  lease (${label}, ${what}): ${r.leases} leases (${r.emptyLeases} empty), ${r.jobs} jobs, ` +
      `${r.submits} submits, p50 ${percentile(r.latencies, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(r.latencies, 0.99).toFixed(1)} ms, errors ${JSON.stringify(r.errors)}`,
  );
}

/** Opens the database the coordinator of `env` will use, migrated, for `work`, then closes it. */
export async function withDatabase(
  env: { PLAZA_DATA_DIR: string; DATABASE_URL?: string },
  work: (db: Db) => Promise<unknown>,
): Promise<void> {
  const db = await createDb({ url: env.DATABASE_URL, dataDir: join(env.PLAZA_DATA_DIR, 'db') });
  try {
    await migrate(db);
    await work(db);
  } finally {
    await db.close();
  }
}

/** Raw SQL on the database the coordinator of `env` uses (PGlite thread, or a short connection). */
export function runnerOf(db: Db, databaseUrl: string | undefined): SqlRunner {
  if (db.pglite) return pgliteRunner(db.pglite);
  return async (text, params) => {
    const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
    try {
      return await postgresRunner(sql)(text, params);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
}

/** Runs `lease-load.ts` in a child process and returns what it measured. */
export function runLoad(config: LeaseLoadConfig): Promise<LeaseLoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', loadScript], {
    cwd: testDir,
    env: { ...process.env, LEASE_LOAD_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return childResult<LeaseLoadResult>(child, 'LEASE_LOAD_RESULT', 'The lease load generator');
}
