import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoordinatorClient } from '@plaza/protocol';
import type { Sql } from 'postgres';
import { generatePrivateKey } from 'viem/accounts';
import type { GeneratedSite } from './generate-pages.ts';
import { markHostsReady, postgresRunner } from './mark-hosts-ready.ts';
import { type CoordinatorProcess, startCoordinatorProcess } from './start-coordinator-process.ts';

/** Coordinator processes of one deployment: same keys, same PostgreSQL database. */
export interface CoordinatorCluster {
  processes: CoordinatorProcess[];
  adminKey: string;
  /** Stops every process that is still running and deletes their data directories. */
  stop: () => Promise<void>;
}

/** Options of {@link startCoordinatorCluster}. */
export interface StartCoordinatorClusterOptions {
  databaseUrl: string;
  processes: number;
  /** Extra PLAZA_* settings for every process. */
  env?: Record<string, string>;
}

/**
 * Starts `plaza start` processes that share one PostgreSQL database and the same coordinator and
 * admin keys, as a deployment behind a load balancer runs them; chain, verification and server
 * crawling off, warnings only. Resolves once all listen; stops the started ones if one fails.
 */
export async function startCoordinatorCluster(
  options: StartCoordinatorClusterOptions,
): Promise<CoordinatorCluster> {
  const adminKey = `e2e-admin-${generatePrivateKey().slice(2, 34)}`;
  const dataDirs: string[] = [];
  for (let i = 0; i < options.processes; i++) {
    dataDirs.push(await mkdtemp(join(tmpdir(), `plaza-coordinator-${i}-`)));
  }
  const shared = {
    DATABASE_URL: options.databaseUrl,
    PLAZA_ADMIN_KEY: adminKey,
    PLAZA_COORDINATOR_KEY: generatePrivateKey(),
    PLAZA_HOST: '127.0.0.1',
    PLAZA_PORT: '0',
    PLAZA_LOG_LEVEL: 'warn',
    PLAZA_CHAIN: 'off',
    ...options.env,
  };
  const processes: CoordinatorProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  };
  // One after the other: the first migrates the database, and 2 cores start them no faster at once.
  try {
    for (const dir of dataDirs) {
      processes.push(
        await startCoordinatorProcess({
          env: { ...shared, PLAZA_DATA_DIR: dir },
          readyTimeoutMs: 90_000,
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { processes, adminKey, stop };
}

/** The campaign API's batches stay under PostgreSQL's 65,535 bind parameters per statement. */
const URLS_PER_REQUEST = 5_000;

/**
 * Test setup for a fetch campaign over a generated site: marks its hosts' robots.txt as fetched
 * (so no process reaches the fake hosts), then creates campaign `id` with every page URL as a seed
 * (in batches), no politeness delay. Throws when a URL is not queued.
 */
export async function seedSiteCampaign(params: {
  baseUrl: string;
  adminKey: string;
  sql: Sql;
  id: string;
  site: GeneratedSite;
}): Promise<void> {
  const { site } = params;
  await markHostsReady(postgresRunner(params.sql), site.hosts);
  const admin = createCoordinatorClient({ baseUrl: params.baseUrl, adminKey: params.adminKey });
  const urls = site.pages.map((page) => page.url);
  const domains = [...new Set(site.hosts.map((host) => host.split('.').slice(1).join('.')))];
  let added = 0;
  const { frontier } = await admin.createCampaign({
    id: params.id,
    name: `Load test ${params.id}`,
    seeds: urls.slice(0, URLS_PER_REQUEST),
    scope: { hosts: domains.map((domain) => `*.${domain}`) },
    maxPages: urls.length,
    politeness: { minDelayMs: 0 },
    labelSchema: { kind: 'classification', classes: ['news', 'other'] },
  });
  added += frontier.added;
  for (let i = URLS_PER_REQUEST; i < urls.length; i += URLS_PER_REQUEST) {
    const more = await admin.addUrls(params.id, { urls: urls.slice(i, i + URLS_PER_REQUEST) });
    added += more.added;
  }
  if (added !== urls.length) {
    throw new Error(`Only ${added} of ${urls.length} URLs of campaign ${params.id} were queued.`);
  }
}
