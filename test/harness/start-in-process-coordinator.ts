import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp, createDeps, loadConfig, type Publisher, runLoops } from '@plaza/coordinator';
import { createDb, type Db, migrate } from '@plaza/db';
import postgres from 'postgres';
import { generatePrivateKey } from 'viem/accounts';
import { pgliteRunner, postgresRunner, type SqlRunner } from './mark-hosts-ready.ts';

/** A coordinator app served on loopback from this process. */
export interface InProcessCoordinator {
  url: string;
  adminKey: string;
  db: Db;
  /** Raw SQL on the coordinator's database, for setup ({@link markHostsReady}) and checks. */
  run: SqlRunner;
  close: () => Promise<void>;
}

/** Options of {@link startInProcessCoordinator}. */
export interface StartInProcessCoordinatorOptions {
  /** A migrated-or-empty PostgreSQL database; embedded PGlite in a temporary directory when unset. */
  databaseUrl?: string;
  /** Coordinator configuration (PLAZA_* variables); logging is silent unless set. */
  env?: Record<string, string>;
  /** Keep PGlite in memory (`memory://`) instead of a temporary data directory. @default false */
  inMemory?: boolean;
  /** The chain's publisher (see `startTestChain`); no chain when unset. */
  publisher?: Publisher;
  /** PGlite waits for the disk on commit; `false` measures what that costs. @default true */
  durable?: boolean;
  /** Run the coordinator's background loops (the chain indexer, aggregation …). @default false */
  background?: boolean;
}

/**
 * The coordinator's own app (`createDeps` + `createApp` from `@plaza/coordinator`) on a fresh
 * migrated database, served over HTTP on 127.0.0.1 with `@hono/node-server`. DNS and the
 * coordinator's own fetches are faked (every host public, every robots.txt a 404), so nothing
 * leaves the machine; no background loop runs unless `background` is set, so hosts must be marked
 * ready by the caller.
 */
export async function startInProcessCoordinator(
  options: StartInProcessCoordinatorOptions = {},
): Promise<InProcessCoordinator> {
  const dataDir =
    options.databaseUrl || options.inMemory ? null : await mkdtemp(join(tmpdir(), 'plaza-bench-'));
  const config = loadConfig({ PLAZA_LOG_LEVEL: 'silent', ...options.env });
  const db = await createDb({
    url: options.databaseUrl,
    dataDir: dataDir ? join(dataDir, 'db') : options.databaseUrl ? undefined : 'memory://',
    maxConnections: config.PLAZA_DB_POOL,
    durable: options.durable,
  });
  await migrate(db);
  const adminKey = `bench-admin-${generatePrivateKey().slice(2, 34)}`;
  // Listen first: the public URL (Sign-In with Ethereum) is the listen address. A request that
  // comes before the app exists waits for it.
  let ready: (app: ReturnType<typeof createApp>) => void = () => {};
  const appReady = new Promise<ReturnType<typeof createApp>>((resolve) => {
    ready = resolve;
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: async (request, env) => (await appReady).fetch(request, env),
        hostname: '127.0.0.1',
        port: 0,
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const deps = createDeps({
    db,
    config,
    adminKey,
    coordinatorKey: generatePrivateKey(),
    publisher: options.publisher ?? null,
    publicUrl: `http://127.0.0.1:${port}`,
    resolver: async () => ['93.184.216.34'],
    fetchText: async (url) => ({ status: 404, body: '', finalUrl: url }),
  });
  ready(createApp(deps));
  const loops = options.background ? runLoops(deps) : null;
  // Clients here pause for seconds between phases (signing, leasing); a longer keep-alive avoids
  // the race where the server closes an idle socket just as the client reuses it (ECONNRESET).
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 60_000;

  let run: SqlRunner;
  let closeRunner = async () => {};
  if (db.pglite) {
    run = pgliteRunner(db.pglite);
  } else {
    const sql = postgres(options.databaseUrl!, { max: 1, onnotice: () => {} });
    run = postgresRunner(sql);
    closeRunner = () => sql.end({ timeout: 5 });
  }
  return {
    url: `http://127.0.0.1:${port}`,
    adminKey,
    db,
    run,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await loops?.stop();
      await deps.ingestPool.close();
      await closeRunner();
      await db.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
