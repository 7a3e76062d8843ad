import type { Db } from '@plaza/db';
import { privateKeyToAccount } from 'viem/accounts';
import { type ChainAccess, chainAccessOf } from './chain/chain-access.ts';
import type { Publisher } from './chain/create-publisher.ts';
import { type Clock, systemClock } from './clock.ts';
import { type Config, publicUrlOf } from './config.ts';
import { createMinHasher } from './dedup/index.ts';
import type { Deps } from './deps.ts';
import { createDeviceTokenCache } from './devices/device-token-cache.ts';
import { createGuardedFetchText } from './frontier/create-guarded-fetch-text.ts';
import { dnsResolver } from './frontier/dns-resolver.ts';
import type { FetchText } from './frontier/fetch-text.ts';
import { createResolveCache } from './frontier/resolve-cache.ts';
import type { Resolver } from './frontier/resolve-check.ts';
import { createRateLimiter } from './http/rate-limit/create-rate-limiter.ts';
import { createIngestPool, type IngestPool } from './ingest/ingest-pool.ts';
import { createLeaseQueue } from './leases/lease-queue.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { createLoopHealth } from './observability/loop-health.ts';
import { createMetrics } from './observability/metrics.ts';
import { createModelCache } from './prelabel/model-cache.ts';
import { type ObjectStore, objectStoreFromConfig } from './storage/object-store.ts';
import { createWalletVerifier, type WalletChainClient } from './wallets/create-wallet-verifier.ts';

/** Builds the dependencies of the coordinator; tests override what they need to control. */
export function createDeps(params: {
  db: Db;
  config: Config;
  adminKey: string;
  coordinatorKey: `0x${string}`;
  clock?: Clock;
  logger?: Logger;
  resolver?: Resolver;
  fetchText?: FetchText;
  publisher?: Publisher | null;
  /** @default the store PLAZA_S3_* configure, if any */
  objectStore?: ObjectStore | null;
  /** @default a pool of PLAZA_INGEST_THREADS threads, started on first use */
  ingestPool?: IngestPool;
  /** The public origin; main.ts passes the listen address when PLAZA_PUBLIC_URL is unset. */
  publicUrl?: string;
  /** The chain contract wallets' signatures are checked on. @default the publisher's client */
  chainClient?: WalletChainClient | null;
  /** @default no faucet, and `PLAZA_PUBLIC_RPC_URL` offered to wallets if set */
  chainAccess?: ChainAccess;
}): Deps {
  const resolver = params.resolver ?? dnsResolver;
  const clock = params.clock ?? systemClock;
  const resolveCache = createResolveCache({ clock });
  const fetchText = params.fetchText ?? createGuardedFetchText({ resolver, resolveCache });
  const logger = params.logger ?? createLogger(params.config.PLAZA_LOG_LEVEL);
  return {
    db: params.db,
    config: params.config,
    clock,
    signer: privateKeyToAccount(params.coordinatorKey),
    adminKey: params.adminKey,
    publisher: params.publisher ?? null,
    publicUrl: params.publicUrl ?? publicUrlOf(params.config),
    wallets: createWalletVerifier(params.chainClient ?? params.publisher?.client ?? null),
    chainAccess: params.chainAccess ?? chainAccessOf(params.config),
    objectStore:
      params.objectStore === undefined ? objectStoreFromConfig(params.config) : params.objectStore,
    logger,
    metrics: createMetrics(),
    minHasher: createMinHasher(),
    ingestPool:
      params.ingestPool ?? createIngestPool({ threads: params.config.PLAZA_INGEST_THREADS }),
    leaseQueue:
      params.config.PLAZA_LEASE_QUEUE_SIZE > 0
        ? createLeaseQueue(
            { db: params.db, clock, logger },
            {
              size: params.config.PLAZA_LEASE_QUEUE_SIZE,
              holdMs: params.config.PLAZA_LEASE_QUEUE_HOLD_SECONDS * 1000,
              ttlMs: params.config.PLAZA_LEASE_TTL_SECONDS * 1000,
              // Only where one process owns the database can a lease be answered before its rows
              // are written: a submission to another process would not find its jobs yet.
              writeBehind: params.db.dialect === 'pglite',
            },
          )
        : null,
    leaseAuthCache:
      params.config.PLAZA_LEASE_AUTH_CACHE_SECONDS > 0
        ? createDeviceTokenCache({
            clock,
            ttlMs: params.config.PLAZA_LEASE_AUTH_CACHE_SECONDS * 1000,
          })
        : null,
    resolver,
    resolveCache,
    fetchText,
    prelabelModels: createModelCache(),
    loopHealth: createLoopHealth(),
    rateLimiter: createRateLimiter(params.config, clock),
  };
}
