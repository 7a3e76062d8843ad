import { z } from 'zod';
import { governanceConfigShape, governanceProblems } from './chain/governance-config.ts';
import { documented, documentedShape } from './config/config-meta.ts';
import {
  addressList,
  booleanString,
  cidrList,
  intString,
  numberString,
  originSchema,
  privateKeySchema,
} from './config/env-types.ts';

/**
 * Every environment variable the coordinator and the CLI read, with its default and its docs, in
 * sections (server, limits, …): the configuration table of the root README and `.env.example`
 * are generated from this object (`pnpm generate:config`), and a test fails when they drift.
 */
export const configSchema = z.object({
  // Server
  PLAZA_HOST: documented(z.string().default('127.0.0.1'), {
    section: 'server',
    description: 'interface to listen on',
  }),
  PLAZA_PORT: documented(intString(0, 65535).default(8787), {
    section: 'server',
    description: 'port to listen on (0 picks a free one)',
  }),
  PLAZA_PUBLIC_URL: documented(originSchema.optional(), {
    section: 'server',
    description:
      'origin people reach Plaza at, e.g. `https://plaza.example.org`; Sign-In with Ethereum messages must name its host and a URI on it (set it behind a proxy or on 0.0.0.0)',
    shownDefault: 'the listen address',
  }),
  PLAZA_DATA_DIR: documented(z.string().min(1).default('./.plaza'), {
    section: 'server',
    description: 'where PGlite, `keys.json`, the local chain and exports live',
  }),
  PLAZA_UI_DIR: documented(z.string().default(''), {
    section: 'server',
    description: 'built web app to serve at `/` (`pnpm start` sets `labeling-ui/dist`)',
  }),
  PLAZA_MAX_BODY_BYTES: documented(intString(1024, 64 * 1024 * 1024).default(8 * 1024 * 1024), {
    section: 'server',
    description: 'largest request body (413 above)',
  }),

  // Request limits
  PLAZA_MAX_BODY_NODES: documented(intString(100, 10_000_000).default(200_000), {
    section: 'limits',
    description: 'JSON values a request body may hold (413 `BODY_TOO_COMPLEX` above)',
  }),
  PLAZA_MAX_BODY_DEPTH: documented(intString(8, 1000).default(64), {
    section: 'limits',
    description: 'deepest JSON nesting of a request body (400 `BODY_TOO_DEEP` above)',
  }),
  PLAZA_HEADERS_TIMEOUT_SECONDS: documented(intString(1, 600).default(10), {
    section: 'limits',
    description: "a client must send a request's headers within this (408 past it)",
  }),
  PLAZA_REQUEST_TIMEOUT_SECONDS: documented(intString(1, 3600).default(60), {
    section: 'limits',
    description: '… and the whole request, body included, within this',
  }),
  PLAZA_RATE_LIMIT: documented(booleanString.default(true), {
    section: 'limits',
    description: 'limit request rates (429 `RATE_LIMITED` with `Retry-After`)',
  }),
  PLAZA_RATE_LIMIT_IP_PER_MINUTE: documented(intString(1, 10_000_000).default(1200), {
    section: 'limits',
    description:
      'requests a client address (IPv6: its /64) may make a minute, in bursts up to as many',
  }),
  PLAZA_RATE_LIMIT_DEVICE_PER_MINUTE: documented(intString(1, 10_000_000).default(600), {
    section: 'limits',
    description: 'requests one device may make a minute',
  }),
  PLAZA_RATE_LIMIT_SESSION_PER_MINUTE: documented(intString(1, 10_000_000).default(600), {
    section: 'limits',
    description: 'requests one signed-in account may make a minute',
  }),
  PLAZA_RATE_LIMIT_EXEMPT: documented(cidrList('127.0.0.1,::1'), {
    section: 'limits',
    description:
      'addresses or CIDR ranges the per-address limit skips (devices and accounts from them are still limited)',
  }),
  PLAZA_TRUSTED_PROXIES: documented(cidrList(''), {
    section: 'limits',
    description:
      'reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client; the rightmost address that is not one of them is limited',
    shownDefault: '',
  }),
  PLAZA_LOG_LEVEL: documented(
    z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    {
      section: 'server',
      description: '`debug`, `info`, `warn`, `error` or `silent` (JSON lines on stderr)',
    },
  ),
  PLAZA_BACKGROUND: documented(booleanString.default(true), {
    section: 'server',
    description:
      'run the background loops (lease expiry, robots.txt/DNS checks, sitemaps, aggregation, webhooks)',
  }),

  // Keys and access
  PLAZA_ADMIN_KEY: documented(z.string().min(24).optional(), {
    section: 'access',
    description: 'bearer key for admin routes and the CLI (at least 24 characters)',
    shownDefault: 'generated into `keys.json`',
  }),
  PLAZA_COORDINATOR_KEY: documented(privateKeySchema.optional(), {
    section: 'access',
    description: 'receipt-signing private key; share it between processes on one database',
    shownDefault: 'generated into `keys.json`',
  }),
  PLAZA_ADMIN_ADDRESSES: documented(addressList, {
    section: 'access',
    description: 'wallet addresses (comma-separated) whose sessions are admins',
    shownDefault: '',
  }),
  PLAZA_REVIEWER_ADDRESSES: documented(addressList, {
    section: 'access',
    description: 'wallet addresses whose sessions may resolve items in review (admins may too)',
    shownDefault: '',
  }),
  PLAZA_SESSION_TTL_SECONDS: documented(intString(60, 30 * 86_400).default(86_400), {
    section: 'access',
    description: 'lifetime of a Sign-In with Ethereum session',
  }),

  // Database
  DATABASE_URL: documented(z.string().url().optional(), {
    section: 'database',
    description: 'PostgreSQL connection string; unset means embedded PGlite in `<data dir>/db`',
  }),
  PLAZA_DB_POOL: documented(intString(1, 100).default(10), {
    section: 'database',
    description: 'PostgreSQL connections per process',
  }),
  PLAZA_INGEST_THREADS: documented(intString(1, 64).optional(), {
    section: 'database',
    description: 'worker threads that prepare submitted batches (hashes, MinHash, quality)',
    shownDefault: 'one per core',
  }),
  PLAZA_JOB_RETENTION_HOURS: documented(intString(1, 8760).default(24), {
    section: 'database',
    description: 'how long expired, never submitted jobs and their leases are kept',
  }),

  // Chain
  PLAZA_CHAIN: documented(z.enum(['anvil', 'rpc', 'off']).default('anvil'), {
    section: 'chain',
    description:
      '`anvil`: a local chain in the data dir with the contracts deployed on first start; `rpc`: `PLAZA_RPC_URL`; `off`: no chain',
  }),
  PLAZA_CHAIN_ID: documented(intString(1, Number.MAX_SAFE_INTEGER).default(31337), {
    section: 'chain',
    description: 'chain id bound into every EIP-712 signature',
  }),
  PLAZA_ANVIL_PORT: documented(intString(0, 65535).default(8545), {
    section: 'chain',
    description:
      'port of the local anvil with `PLAZA_CHAIN=anvil`, fixed so wallets keep the network across restarts (`0`: any free port)',
  }),
  PLAZA_PUBLIC_RPC_URL: documented(z.string().url().optional(), {
    section: 'chain',
    description:
      "JSON-RPC URL the web app offers wallets when adding the chain (never `PLAZA_RPC_URL`, which may hold a provider's key)",
    shownDefault: "the local anvil's URL; none with `PLAZA_CHAIN=rpc`",
  }),
  PLAZA_RPC_URL: documented(z.string().url().optional(), {
    section: 'chain',
    description: 'JSON-RPC URL of the chain with `PLAZA_CHAIN=rpc` (and of `plaza verify --rpc`)',
  }),
  PLAZA_CONTRACT_ADDRESS: documented(
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/, 'expected an address')
      .optional(),
    { section: 'chain', description: 'an existing Plaza deployment on that chain' },
  ),
  PLAZA_DEPLOYER_KEY: documented(privateKeySchema.optional(), {
    section: 'chain',
    description: 'key that deploys Plaza there when no `PLAZA_CONTRACT_ADDRESS` is given',
  }),
  PLAZA_PUBLISHER_KEY: documented(privateKeySchema.optional(), {
    section: 'chain',
    description: 'key that registers datasets and publishes versions',
    shownDefault: "anvil's first account locally, else `PLAZA_DEPLOYER_KEY`",
  }),
  PLAZA_CHAIN_CONFIRMATIONS: documented(intString(0, 1000).optional(), {
    section: 'chain',
    description: 'blocks on top of a block before the indexer reads it',
    shownDefault: '0 on a local anvil, else 12',
  }),

  // Dataset governance on chain (chain/governance-config.ts; production defaults from @plaza/contracts)
  ...documentedShape(governanceConfigShape, {
    PLAZA_GUARDIAN_ADDRESS: {
      section: 'governance',
      description:
        "Plaza's guardian when the coordinator deploys it; never the publisher (start is refused otherwise, outside a local chain)",
      shownDefault: 'anvil account 1 locally',
    },
    PLAZA_DATASET_VOTING_DELAY_SECONDS: {
      section: 'governance',
      description: 'time between a license proposal and its vote',
      shownDefault: '`172800` (`60` locally)',
    },
    PLAZA_DATASET_VOTING_PERIOD_SECONDS: {
      section: 'governance',
      description: 'how long a vote stays open',
      shownDefault: '`604800` (`3600` locally)',
    },
    PLAZA_DATASET_QUORUM_BPS: {
      section: 'governance',
      description: 'participation needed at the deadline, in basis points of all shares',
      shownDefault: '`4000`',
    },
    PLAZA_DATASET_ROOT_TIMELOCK_SECONDS: {
      section: 'governance',
      description: 'a version can be revoked this long before claims and votes open',
      shownDefault: '`259200` (`60` locally)',
    },
    PLAZA_DATASET_CLAIM_PERIOD_DAYS: {
      section: 'governance',
      description: 'days to claim shares; afterwards unclaimed revenue is swept',
      shownDefault: '`365`',
    },
    PLAZA_DATASET_MAX_LICENSE_SECONDS: {
      section: 'governance',
      description: "longest license (90 days); a buyer's licenses stack",
      shownDefault: '`7776000`',
    },
    PLAZA_DATASET_RESERVE_PRICE: {
      section: 'governance',
      description: "lowest price in the payment token's smallest units (100 USD)",
      shownDefault: '`100000000` (`10000000` locally)',
    },
    PLAZA_DATASET_SWEEP_TO: {
      section: 'governance',
      description: "where unclaimed revenue goes until a version's holders vote otherwise",
      shownDefault: 'the publisher',
    },
  }),

  // Frontier and crawling
  PLAZA_LEASE_TTL_SECONDS: documented(intString(5, 3600).default(120), {
    section: 'crawling',
    description: 'time a device has to submit a leased job',
  }),
  PLAZA_LEASE_QUEUE_SIZE: documented(intString(0, 10_000).default(1024), {
    section: 'crawling',
    description:
      'most URLs a process claims ahead for leases; refills follow the lease rate (0: off)',
  }),
  PLAZA_LEASE_QUEUE_HOLD_SECONDS: documented(intString(1, 300).default(5), {
    section: 'crawling',
    description:
      'how long a claimed URL waits in the ready queue before it is returned to the frontier',
  }),
  PLAZA_LEASE_AUTH_CACHE_SECONDS: documented(intString(0, 300).default(10), {
    section: 'crawling',
    description:
      'how long the lease route trusts a token lookup (submissions always check afresh; 0: off)',
  }),
  PLAZA_MAX_ATTEMPTS: documented(intString(1, 20).default(3), {
    section: 'crawling',
    description: 'leases of one URL before it is marked failed',
  }),
  PLAZA_ROBOTS_TTL_SECONDS: documented(intString(60, 365 * 86_400).default(86_400), {
    section: 'crawling',
    description: 'how long a robots.txt is trusted',
  }),
  PLAZA_SERVER_CRAWL: documented(booleanString.default(true), {
    section: 'crawling',
    description: 'coordinator-side crawl workers for campaigns with `serverCrawl: true`',
  }),
  PLAZA_SERVER_CRAWL_BATCH: documented(intString(1, 64).default(8), {
    section: 'crawling',
    description: 'jobs a server crawl worker leases at once (one per host)',
  }),
  PLAZA_CRAWL_PROXY_URL: documented(z.string().url().optional(), {
    section: 'crawling',
    description: "forward proxy for the coordinator's crawlers (verification, server crawl)",
  }),
  PLAZA_CHROMIUM_PATH: documented(z.string().min(1).default('/usr/bin/chromium'), {
    section: 'crawling',
    description: 'Chromium for campaigns that need a browser',
  }),

  // Verification
  PLAZA_VERIFY: documented(booleanString.default(true), {
    section: 'verification',
    description: 're-fetch a sample of contributions; keep reputations; quarantine cheaters',
  }),
  PLAZA_VERIFY_BATCH: documented(intString(1, 500).default(32), {
    section: 'verification',
    description: 'verification re-fetches per round at most',
  }),
  PLAZA_VERIFY_ALL_BELOW: documented(numberString(0, 1).default(0.97), {
    section: 'verification',
    description: 'every contribution of a device under this reputation is re-fetched',
  }),
  PLAZA_QUARANTINE_BELOW: documented(numberString(0, 1).default(0.93), {
    section: 'verification',
    description: 'devices under this reputation …',
  }),
  PLAZA_QUARANTINE_MIN_FAILED: documented(intString(1, 1000).default(3), {
    section: 'verification',
    description: '… with at least this many failed checks are quarantined',
  }),

  // Labeling
  PLAZA_AGGREGATE_SECONDS: documented(intString(1, 86_400).default(10), {
    section: 'labeling',
    description: 'how often changed labels are re-aggregated in the background',
  }),

  // Pre-labeling
  PLAZA_PRELABEL: documented(booleanString.default(true), {
    section: 'prelabel',
    description: 'train campaign models from aggregated labels in the background',
  }),
  PLAZA_PRELABEL_MIN_LABELS: documented(intString(10, 1_000_000).default(50), {
    section: 'prelabel',
    description: 'aggregated labels a campaign needs before its first model',
  }),
  PLAZA_PRELABEL_RETRAIN_GROWTH: documented(numberString(0, 100).default(0.2), {
    section: 'prelabel',
    description: 'retrain when the aggregated labels grew by this share since the last run',
  }),
  PLAZA_PRELABEL_TRAIN_SECONDS: documented(intString(1, 86_400).default(30), {
    section: 'prelabel',
    description: 'how often the training loop looks at the campaigns',
  }),
  PLAZA_PRELABEL_LEASE_SECONDS: documented(intString(10, 3600).default(300), {
    section: 'prelabel',
    description: 'time a device has to submit a pre-label lease',
  }),
  PLAZA_PRELABEL_CHECK_RATE: documented(numberString(0, 1).default(0.1), {
    section: 'prelabel',
    description: 'share of each pre-label batch the coordinator recomputes',
  }),
  PLAZA_PRELABEL_MIN_CHECKED: documented(intString(1, 256).default(4), {
    section: 'prelabel',
    description: 'items of each batch recomputed at least',
  }),
  PLAZA_PRELABEL_CHECK_ALL_BELOW: documented(numberString(0, 1).default(0.9), {
    section: 'prelabel',
    description: 'every item of a device under this reputation is recomputed',
  }),
  PLAZA_PRELABEL_TOLERANCE: documented(numberString(0, 1).default(0.001), {
    section: 'prelabel',
    description: 'largest probability difference a recomputed item may show',
  }),

  // Datasets and storage
  PLAZA_EXPORTS_DIR: documented(z.string().default(''), {
    section: 'datasets',
    description: 'where frozen versions are written',
    shownDefault: '`<data dir>/exports`',
  }),
  PLAZA_FREEZE_MIN_LABELLED: documented(numberString(0, 1).default(0.8), {
    section: 'datasets',
    description:
      'share of rows that must have a label before `plaza freeze` publishes a version (`--force` overrides)',
  }),
  PLAZA_S3_ENDPOINT: documented(z.string().url().optional(), {
    section: 'datasets',
    description: 'S3-compatible store (AWS, MinIO, R2 …) versions are also copied to',
  }),
  PLAZA_S3_BUCKET: documented(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')
      .optional(),
    { section: 'datasets', description: 'its bucket (path-style addressing)' },
  ),
  PLAZA_S3_REGION: documented(z.string().min(1).default('us-east-1'), {
    section: 'datasets',
    description: "the bucket's region, for Signature Version 4",
  }),
  PLAZA_S3_PREFIX: documented(z.string().max(200).default(''), {
    section: 'datasets',
    description: 'key prefix of the versions in the bucket, e.g. `plaza/`',
  }),
  PLAZA_S3_ACCESS_KEY_ID: documented(z.string().min(1).optional(), {
    section: 'datasets',
    description: 'key pair of the store (required with `PLAZA_S3_ENDPOINT`) …',
  }),
  PLAZA_S3_SECRET_ACCESS_KEY: documented(z.string().min(1).optional(), {
    section: 'datasets',
    description: '… never shipped to browsers: buyers get presigned links',
  }),

  // Webhooks and integrations
  PLAZA_WEBHOOK_TIMEOUT_SECONDS: documented(intString(1, 120).default(10), {
    section: 'integrations',
    description: 'how long a webhook receiver has to answer one delivery',
  }),
  PLAZA_WEBHOOK_MAX_ATTEMPTS: documented(intString(1, 20).default(8), {
    section: 'integrations',
    description: 'deliveries of one event before it is marked failed (backing off 5 s × 4ⁿ, ≤ 6 h)',
  }),

  // The plaza CLI
  PLAZA_URL: documented(z.string().url().optional(), {
    section: 'cli',
    description: 'coordinator the CLI talks to',
    shownDefault: '`http://<PLAZA_HOST>:<PLAZA_PORT>`',
  }),
  PLAZA_ENV_FILE: documented(z.string().optional(), {
    section: 'cli',
    description: 'environment file read at start (variables already set win)',
    shownDefault: '`.env`',
  }),
});

/** The parsed, frozen configuration. */
export type Config = Readonly<z.output<typeof configSchema>>;

/**
 * The configuration problems found at start (`CONFIG_INVALID`): every problem of the stage that
 * failed is listed, not only the first (see {@link loadConfig} for the stages).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses the environment once and freezes it. Empty strings count as unset; variables the schema
 * does not name are ignored. Three stages, each throwing a {@link ConfigError} that lists all of
 * its problems: the schema (types, ranges, defaults), then the governance parameters
 * (`governanceProblems`), then settings that need each other (`PLAZA_S3_ENDPOINT` needs the
 * bucket and both keys).
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in configSchema.shape && value !== ''),
  );
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const config = parsed.data;
  const unsafe = governanceProblems(config);
  if (unsafe.length > 0) throw new ConfigError(unsafe);
  if (config.PLAZA_S3_ENDPOINT) {
    const missing = (
      ['PLAZA_S3_BUCKET', 'PLAZA_S3_ACCESS_KEY_ID', 'PLAZA_S3_SECRET_ACCESS_KEY'] as const
    ).filter((key) => !config[key]);
    if (missing.length > 0) {
      throw new ConfigError(missing.map((key) => `${key}: required with PLAZA_S3_ENDPOINT`));
    }
  }
  return Object.freeze(config);
}

/**
 * The coordinator's public origin: `PLAZA_PUBLIC_URL`, else the address it listens on (`port`:
 * the one actually bound, when PLAZA_PORT is 0).
 *
 * @example
 * publicUrlOf(loadConfig({ PLAZA_PORT: '8787' })); // 'http://127.0.0.1:8787'
 */
export function publicUrlOf(
  config: Pick<Config, 'PLAZA_PUBLIC_URL' | 'PLAZA_HOST' | 'PLAZA_PORT'>,
  port: number = config.PLAZA_PORT,
): string {
  if (config.PLAZA_PUBLIC_URL) return config.PLAZA_PUBLIC_URL;
  const host = config.PLAZA_HOST.includes(':') ? `[${config.PLAZA_HOST}]` : config.PLAZA_HOST;
  return new URL(`http://${host}:${port}`).origin;
}
