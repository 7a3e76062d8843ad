import { z } from 'zod';
import { governanceConfigShape, governanceProblems } from './chain/governance-config.ts';

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const privateKeySchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 0x-prefixed 32-byte hex private key')
  .transform((value) => value as `0x${string}`);

/** Every environment variable the coordinator reads, with its default. */
const addressList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const list = value
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part !== '');
    for (const address of list) {
      if (!/^0x[0-9a-f]{40}$/.test(address)) {
        ctx.addIssue({ code: 'custom', message: `"${address}" is not an address` });
      }
    }
    return list;
  });

/**
 * An http(s) origin (`scheme://host[:port]`, no path, query, fragment or credentials), kept as
 * the URL's normalized origin.
 */
const originSchema = z
  .string()
  .url()
  .transform((value, ctx) => {
    const url = new URL(value);
    const bare =
      url.username === '' &&
      url.password === '' &&
      (url.pathname === '/' || url.pathname === '') &&
      url.search === '' &&
      url.hash === '';
    if (!/^https?:$/.test(url.protocol) || !bare) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an http(s) origin such as https://plaza.example.org, not "${value}"`,
      });
      return z.NEVER;
    }
    return url.origin;
  });

export const configSchema = z.object({
  /** Where PGlite, keys and exports live. @default './.plaza' */
  PLAZA_DATA_DIR: z.string().min(1).default('./.plaza'),
  /** PostgreSQL connection string; when unset the embedded PGlite is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Interface to listen on. @default '127.0.0.1' */
  PLAZA_HOST: z.string().default('127.0.0.1'),
  /** Port to listen on; 0 picks a free one. @default 8787 */
  PLAZA_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /**
   * The origin people reach this coordinator at (its web app and API), e.g.
   * `https://plaza.example.org`: Sign-In with Ethereum messages must name its host and a URI on
   * it. Unset: the listen address, `http://PLAZA_HOST:PLAZA_PORT`. Set it behind a proxy or when
   * listening on all interfaces.
   */
  PLAZA_PUBLIC_URL: originSchema.optional(),
  /** Bearer key for admin routes; generated into the data dir when unset. */
  PLAZA_ADMIN_KEY: z.string().min(24).optional(),
  /** The coordinator's receipt-signing key; generated into the data dir when unset. */
  PLAZA_COORDINATOR_KEY: privateKeySchema.optional(),
  /** Chain id bound into every EIP-712 signature. @default 31337 */
  PLAZA_CHAIN_ID: z.coerce.number().int().min(1).default(31337),
  /** How long a device has to submit a leased job. @default 120 */
  PLAZA_LEASE_TTL_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  /** Leases of one URL before it is marked failed. @default 3 */
  PLAZA_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** How long a robots.txt is trusted. @default 86400 */
  PLAZA_ROBOTS_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  /** Largest request body accepted, bytes. @default 8388608 */
  PLAZA_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  /** Run the background loops (robots, lease expiry). @default true */
  PLAZA_BACKGROUND: booleanString.default(true),
  /** Log level. @default 'info' */
  PLAZA_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** `anvil`: start a local chain in the data dir; `rpc`: use PLAZA_RPC_URL; `off`: no chain. @default 'anvil' */
  PLAZA_CHAIN: z.enum(['anvil', 'rpc', 'off']).default('anvil'),
  /** JSON-RPC URL of the chain, with PLAZA_CHAIN=rpc. */
  PLAZA_RPC_URL: z.string().url().optional(),
  /** An existing Plaza deployment on that chain. */
  PLAZA_CONTRACT_ADDRESS: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'expected an address')
    .optional(),
  /** Key that deploys Plaza on that chain when no PLAZA_CONTRACT_ADDRESS is given. */
  PLAZA_DEPLOYER_KEY: privateKeySchema.optional(),
  /** Accounts (comma-separated addresses) whose wallet sessions may administer campaigns. @default '' */
  PLAZA_ADMIN_ADDRESSES: addressList,
  /** Accounts whose wallet sessions may resolve items in review (admins may too). @default '' */
  PLAZA_REVIEWER_ADDRESSES: addressList,
  /** How long a Sign-In with Ethereum session lasts. @default 86400 */
  PLAZA_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(86_400),
  /** Directory of the built web app to serve at `/`; empty serves none. @default '' */
  PLAZA_UI_DIR: z.string().default(''),
  /**
   * Key that registers datasets and publishes versions (the publisher). With a local anvil it
   * defaults to anvil's first account; with PLAZA_CHAIN=rpc, to PLAZA_DEPLOYER_KEY.
   */
  PLAZA_PUBLISHER_KEY: privateKeySchema.optional(),
  /** Blocks on top of a block before the indexer reads it; default 0 on a local anvil, else 12. */
  PLAZA_CHAIN_CONFIRMATIONS: z.coerce.number().int().min(0).max(1000).optional(),
  /** Where frozen dataset versions are written; empty means `<PLAZA_DATA_DIR>/exports`. @default '' */
  PLAZA_EXPORTS_DIR: z.string().default(''),
  /**
   * S3-compatible object storage for frozen versions (AWS S3, MinIO, R2 …), path-style: each
   * version is also uploaded there and licensed downloads get presigned URLs of the bucket. Unset:
   * local disk only. Needs PLAZA_S3_BUCKET and the key pair.
   */
  PLAZA_S3_ENDPOINT: z.string().url().optional(),
  /** The bucket of PLAZA_S3_ENDPOINT. */
  PLAZA_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')
    .optional(),
  /** The bucket's region (signing scope). @default 'us-east-1' */
  PLAZA_S3_REGION: z.string().min(1).default('us-east-1'),
  /** Key prefix of the versions in the bucket, e.g. `plaza/`. @default '' */
  PLAZA_S3_PREFIX: z.string().max(200).default(''),
  PLAZA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  PLAZA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Run label aggregation in the background this often. @default 10 */
  PLAZA_AGGREGATE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(10),
  /** PostgreSQL pool size per process. @default 10 */
  PLAZA_DB_POOL: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Worker threads that prepare submitted batches (hashing, normalization, MinHash, quality).
   * @default the number of cores
   */
  PLAZA_INGEST_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Hours an expired, never submitted job (and its lease) is kept before it is deleted. @default 24 */
  PLAZA_JOB_RETENTION_HOURS: z.coerce.number().int().min(1).max(8760).default(24),
  /** Train campaign models from aggregated labels in the background. @default true */
  PLAZA_PRELABEL: booleanString.default(true),
  /** Aggregated labels a campaign needs before its first model is trained. @default 50 */
  PLAZA_PRELABEL_MIN_LABELS: z.coerce.number().int().min(10).max(1_000_000).default(50),
  /** Retrain when the aggregated labels grew by this fraction since the last run. @default 0.2 */
  PLAZA_PRELABEL_RETRAIN_GROWTH: z.coerce.number().min(0).max(100).default(0.2),
  /** How often the training loop looks at the campaigns. @default 30 */
  PLAZA_PRELABEL_TRAIN_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  /** How long a device has to submit a pre-label lease. @default 300 */
  PLAZA_PRELABEL_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** Share of each pre-label batch the coordinator recomputes. @default 0.1 */
  PLAZA_PRELABEL_CHECK_RATE: z.coerce.number().min(0).max(1).default(0.1),
  /** Items of each batch recomputed at least. @default 4 */
  PLAZA_PRELABEL_MIN_CHECKED: z.coerce.number().int().min(1).max(256).default(4),
  /** Every item of a device whose reputation is under this is recomputed. @default 0.9 */
  PLAZA_PRELABEL_CHECK_ALL_BELOW: z.coerce.number().min(0).max(1).default(0.9),
  /** Largest absolute probability difference a recomputed item may show. @default 0.001 */
  PLAZA_PRELABEL_TOLERANCE: z.coerce.number().min(0).max(1).default(0.001),
  /** Re-fetch a sample of contributions and keep device reputations (a background loop). @default true */
  PLAZA_VERIFY: booleanString.default(true),
  /** Checks one verification round re-fetches at most. @default 32 */
  PLAZA_VERIFY_BATCH: z.coerce.number().int().min(1).max(500).default(32),
  /** Every contribution of a device whose reputation is under this is re-fetched. @default 0.97 */
  PLAZA_VERIFY_ALL_BELOW: z.coerce.number().min(0).max(1).default(0.97),
  /** A device is quarantined when its reputation falls under this … @default 0.93 */
  PLAZA_QUARANTINE_BELOW: z.coerce.number().min(0).max(1).default(0.93),
  /** … with at least this many failed checks. @default 3 */
  PLAZA_QUARANTINE_MIN_FAILED: z.coerce.number().int().min(1).max(1000).default(3),
  /** Run coordinator-side crawl workers for campaigns with `serverCrawl: true`. @default true */
  PLAZA_SERVER_CRAWL: booleanString.default(true),
  /** Jobs one server crawl worker leases at once (one per host). @default 8 */
  PLAZA_SERVER_CRAWL_BATCH: z.coerce.number().int().min(1).max(64).default(8),
  /** Forward proxy for the coordinator's crawlers (verification, server crawl); direct when unset. */
  PLAZA_CRAWL_PROXY_URL: z.string().url().optional(),
  /** Chromium for campaigns that need a browser (Debian's by default). @default '/usr/bin/chromium' */
  PLAZA_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** The guardian and the parameters datasets are registered with: see chain/governance-config.ts. */
  ...governanceConfigShape,
});

/** The parsed, frozen configuration. */
export type Config = Readonly<z.output<typeof configSchema>>;

/** A configuration problem found at start: every one is listed, not only the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses the environment once. Empty strings count as unset.
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
