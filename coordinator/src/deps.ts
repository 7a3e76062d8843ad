import type { Db } from '@plaza/db';
import type { PrivateKeyAccount } from 'viem/accounts';
import type { ChainAccess } from './chain/chain-access.ts';
import type { Publisher } from './chain/create-publisher.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { MinHasher } from './dedup/index.ts';
import type { DeviceTokenCache } from './devices/device-token-cache.ts';
import type { FetchText } from './frontier/fetch-text.ts';
import type { ResolveCache } from './frontier/resolve-cache.ts';
import type { Resolver } from './frontier/resolve-check.ts';
import type { RateLimiter } from './http/rate-limit/create-rate-limiter.ts';
import type { IngestPool } from './ingest/ingest-pool.ts';
import type { LeaseQueue } from './leases/lease-queue.ts';
import type { Logger } from './observability/logger.ts';
import type { LoopHealth } from './observability/loop-health.ts';
import type { Metrics } from './observability/metrics.ts';
import type { ModelCache } from './prelabel/model-cache.ts';
import type { ObjectStore } from './storage/object-store.ts';
import type { WalletVerifier } from './wallets/create-wallet-verifier.ts';

/** Everything a use case may need, built once by the composition root and passed down. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  /** Signs receipts; its address is the EIP-712 domain's `verifyingContract`. */
  signer: PrivateKeyAccount;
  adminKey: string;
  logger: Logger;
  metrics: Metrics;
  /** MinHash with the fixed parameters every stored signature was made with. */
  minHasher: MinHasher;
  /** Worker threads that prepare submitted batches before their transaction. */
  ingestPool: IngestPool;
  /** This process's ready queue of claimed URLs (null when `PLAZA_LEASE_QUEUE_SIZE` is 0). */
  leaseQueue: LeaseQueue | null;
  /** Device lookups the lease route trusts for a while (null when `PLAZA_LEASE_AUTH_CACHE_SECONDS` is 0). */
  leaseAuthCache: DeviceTokenCache | null;
  /** Resolves host names to addresses, for the private-address check. */
  resolver: Resolver;
  /** Remembers recent DNS verdicts (a cache, never the source of truth). */
  resolveCache: ResolveCache;
  /** Fetches robots.txt and sitemaps from the coordinator itself. */
  fetchText: FetchText;
  /** Published pre-label models loaded into tfjs, for recomputing devices' outputs. */
  prelabelModels: ModelCache;
  /** Publishes dataset versions on chain; null without a chain (then freezing only exports). */
  publisher: Publisher | null;
  /** S3-compatible storage frozen versions are copied to (PLAZA_S3_*); null: local disk only. */
  objectStore: ObjectStore | null;
  /** Heartbeats of this process's background loops, for `/readyz`. */
  loopHealth: LoopHealth;
  /** Request rates per client address, device and account (PLAZA_RATE_LIMIT_*), per process. */
  rateLimiter: RateLimiter;
  /**
   * The coordinator's public origin (`PLAZA_PUBLIC_URL`, else the listen address): Sign-In with
   * Ethereum messages must name its host and a URI on it. Never taken from request headers.
   */
  publicUrl: string;
  /** Checks wallet signatures: keys by recovery, contract wallets (ERC-1271/6492) on the chain. */
  wallets: WalletVerifier;
  /** What wallets are told to add the chain, and the test-token faucet of a local chain. */
  chainAccess: ChainAccess;
}
