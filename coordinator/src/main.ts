import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createDb, migrate } from '@plaza/db';
import { createApp } from './app.ts';
import { runLoops } from './background/run-loops.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';
import { loadOrCreateKeys } from './keys.ts';

/** A running coordinator. */
export interface RunningCoordinator {
  url: string;
  adminKey: string;
  coordinatorAddress: `0x${string}`;
  database: 'pglite' | 'postgres';
  stop: () => Promise<void>;
}

/**
 * The composition root: loadConfig → createDb → migrate → createApp → serve, plus the background
 * loops. The only reader of `process.env` (through the `env` argument).
 */
export async function startCoordinator(
  env: Record<string, string | undefined>,
): Promise<RunningCoordinator> {
  const config = loadConfig(env);
  const keys = loadOrCreateKeys({
    dataDir: config.PLAZA_DATA_DIR,
    adminKey: config.PLAZA_ADMIN_KEY,
    coordinatorKey: config.PLAZA_COORDINATOR_KEY,
  });
  const db = await createDb({
    url: config.DATABASE_URL,
    dataDir: join(config.PLAZA_DATA_DIR, 'db'),
    maxConnections: config.PLAZA_DB_POOL,
  });
  await migrate(db);
  const deps = createDeps({
    db,
    config,
    adminKey: keys.adminKey,
    coordinatorKey: keys.coordinatorKey,
  });
  const app = createApp(deps);
  const loops = config.PLAZA_BACKGROUND ? runLoops(deps) : null;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      { fetch: app.fetch, hostname: config.PLAZA_HOST, port: config.PLAZA_PORT },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PLAZA_PORT;
  const url = `http://${config.PLAZA_HOST}:${port}`;
  deps.metrics.up.set(1);
  deps.logger.info('coordinator listening', {
    url,
    database: db.dialect,
    coordinator: deps.signer.address,
    chainId: config.PLAZA_CHAIN_ID,
  });
  let stopping: Promise<void> | undefined;
  return {
    url,
    adminKey: keys.adminKey,
    coordinatorAddress: deps.signer.address,
    database: db.dialect,
    stop: () => {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await loops?.stop();
        await db.close();
      })();
      return stopping;
    },
  };
}
