import { join } from 'node:path';
import { anvilDeployerPrivateKey } from '@plaza/contracts';
import { createDb, migrate } from '@plaza/db';
import { createPublicClient, http } from 'viem';
import { createApp } from './app.ts';
import { runLoops } from './background/run-loops.ts';
import { chainAccessFor } from './chain/chain-access.ts';
import { checkGuardian } from './chain/check-guardian.ts';
import { createPublisher, type Publisher } from './chain/create-publisher.ts';
import { datasetDefaultsFor, isLocalDevChain } from './chain/governance-config.ts';
import { type ChainConnection, startChain } from './chain/start-chain.ts';
import { systemClock } from './clock.ts';
import { type Config, loadConfig, publicUrlOf } from './config.ts';
import { createDeps } from './create-deps.ts';
import { listenFirst } from './http/listen-first.ts';
import { serverTimeouts } from './http/server-timeouts.ts';
import { loadOrCreateKeys } from './keys.ts';
import { createLogger } from './observability/logger.ts';

/** A running coordinator. */
export interface RunningCoordinator {
  url: string;
  /** The origin Sign-In with Ethereum messages must name (PLAZA_PUBLIC_URL, else `url`). */
  publicUrl: string;
  adminKey: string;
  coordinatorAddress: `0x${string}`;
  database: 'pglite' | 'postgres';
  /** The chain Plaza publishes to (a local anvil by default), or null with PLAZA_CHAIN=off. */
  chain: ChainConnection | null;
  stop: () => Promise<void>;
}

/**
 * The publisher of a chain: the configured key, anvil's first account on a local chain, else the
 * deployer key; datasets are registered with the configured parameters over the chain's defaults
 * (see `datasetDefaultsFor`), to accept the chain's test stablecoin (a local chain), or none can be
 * registered (null).
 */
export function publisherFor(
  config: Config,
  chain: Pick<ChainConnection, 'rpcUrl' | 'chainId' | 'plaza' | 'testUsd' | 'isLocal'>,
): Publisher | null {
  const privateKey =
    config.PLAZA_PUBLISHER_KEY ??
    (chain.isLocal ? anvilDeployerPrivateKey : config.PLAZA_DEPLOYER_KEY);
  if (!privateKey || !chain.testUsd) return null;
  return createPublisher({
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    plaza: chain.plaza,
    privateKey,
    confirmations: config.PLAZA_CHAIN_CONFIRMATIONS ?? (chain.isLocal ? 0 : 12),
    defaults: datasetDefaultsFor(config, chain.testUsd),
  });
}

/**
 * The composition root: loadConfig → keys → createDb → migrate → startChain (with its publisher
 * and guardian check) → listen → createDeps → warm the ingest threads → createApp → the
 * background loops (unless PLAZA_BACKGROUND is off). It reads the environment only through `env`
 * (the CLI's `main.ts` passes `process.env` with the `.env` file under it, see
 * `config/load-env-file.ts`).
 */
export async function startCoordinator(
  env: Record<string, string | undefined>,
  /** Name resolution and the coordinator's own fetches (robots.txt); the system's by default. */
  network: Pick<Parameters<typeof createDeps>[0], 'resolver' | 'fetchText'> = {},
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
  const logger = createLogger(config.PLAZA_LOG_LEVEL);
  const chain = await startChain(config, logger).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const publisher = chain ? publisherFor(config, chain) : null;
  if (publisher) {
    await checkGuardian(publisher, {
      localDev: isLocalDevChain({
        PLAZA_CHAIN: config.PLAZA_CHAIN,
        PLAZA_CHAIN_ID: publisher.chainId,
      }),
      logger,
    }).catch(async (error: unknown) => {
      await chain?.stop();
      await db.close();
      throw error;
    });
  }
  // Listen first: the public URL defaults to the bound address (PLAZA_PORT may be 0).
  const { server, port, attach } = await listenFirst({
    hostname: config.PLAZA_HOST,
    port: config.PLAZA_PORT,
    serverOptions: serverTimeouts(config),
  }).catch(async (error: unknown) => {
    await db.close();
    await chain?.stop();
    throw error;
  });
  const url = `http://${config.PLAZA_HOST}:${port}`;
  const deps = createDeps({
    db,
    config,
    adminKey: keys.adminKey,
    coordinatorKey: keys.coordinatorKey,
    publisher,
    chainClient: chain ? createPublicClient({ transport: http(chain.rpcUrl) }) : null,
    publicUrl: publicUrlOf(config, port),
    chainAccess: chainAccessFor(config, chain, systemClock),
    ...network,
  });
  // The ingest threads start before the first request, not while a device's lease runs down.
  await deps.ingestPool.warmUp();
  attach(createApp(deps));
  const loops = config.PLAZA_BACKGROUND ? runLoops(deps) : null;
  deps.metrics.up.set(1);
  deps.logger.info('coordinator listening', {
    url,
    publicUrl: deps.publicUrl,
    database: db.dialect,
    coordinator: deps.signer.address,
    chainId: config.PLAZA_CHAIN_ID,
    rpcUrl: chain?.rpcUrl ?? null,
    plaza: chain?.plaza ?? null,
  });
  let stopping: Promise<void> | undefined;
  return {
    url,
    publicUrl: deps.publicUrl,
    adminKey: keys.adminKey,
    coordinatorAddress: deps.signer.address,
    database: db.dialect,
    chain,
    stop: () => {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await loops?.stop();
        await deps.leaseQueue?.close();
        await deps.ingestPool.close();
        await db.close();
        await chain?.stop();
      })();
      return stopping;
    },
  };
}
