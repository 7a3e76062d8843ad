import { z } from 'zod';
import { governanceProblems } from './chain/governance-config.ts';
import { accessConfig } from './config/sections/access.ts';
import { chainConfig } from './config/sections/chain.ts';
import { cliConfig } from './config/sections/cli.ts';
import { crawlingConfig } from './config/sections/crawling.ts';
import { databaseConfig } from './config/sections/database.ts';
import { datasetsConfig } from './config/sections/datasets.ts';
import { governanceConfig } from './config/sections/governance.ts';
import { integrationsConfig } from './config/sections/integrations.ts';
import { labelingConfig } from './config/sections/labeling.ts';
import { requestLimitsConfig } from './config/sections/request-limits.ts';
import { serverConfig } from './config/sections/server.ts';
import { verificationConfig } from './config/sections/verification.ts';

/**
 * Every environment variable the coordinator and the CLI read, with its default and its docs, one
 * file a section under `config/sections/` (server, request limits, …, in the order of the README):
 * the configuration tables of the root README and `.env.example` are generated from this object
 * (`pnpm generate:config`), and a test fails when they drift.
 */
export const configSchema = z.object({
  ...serverConfig,
  ...requestLimitsConfig,
  ...accessConfig,
  ...databaseConfig,
  ...chainConfig,
  ...governanceConfig,
  ...crawlingConfig,
  ...verificationConfig,
  ...labelingConfig,
  ...datasetsConfig,
  ...integrationsConfig,
  ...cliConfig,
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
