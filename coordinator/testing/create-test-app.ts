import { createTestDb } from '@plaza/db/testing';
import { generatePrivateKey } from 'viem/accounts';
import { createApp } from '../src/app.ts';
import type { ChainAccess } from '../src/chain/chain-access.ts';
import type { Publisher } from '../src/chain/create-publisher.ts';
import { createManualClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/create-deps.ts';
import type { FetchText } from '../src/frontier/fetch-text.ts';
import { createLogger } from '../src/observability/logger.ts';

/** An answer of the fake web: a page, a redirect (followed like `fetchText` would), or a failure. */
export type FakeResponse =
  | { status: number; body: string }
  | { redirectTo: string }
  | 'network-error';

/**
 * A coordinator app on a fresh test database with a manual clock, a fake DNS (every host public
 * unless listed in `privateHosts`) and a fake web for robots.txt and sitemaps (`web`, by URL; 404
 * when absent). Nothing listens on a port: requests go through `app.request`. Rate limiting is off
 * unless `env` sets `PLAZA_RATE_LIMIT`.
 */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    web?: Record<string, FakeResponse>;
    privateHosts?: string[];
    publisher?: Publisher;
    /** What wallets are told about the chain, and a faucet. @default none */
    chainAccess?: ChainAccess;
  } = {},
) {
  const db = await createTestDb();
  const clock = createManualClock(new Date('2026-03-01T12:00:00Z'));
  // Rate limits are off unless a test turns them on: the manual clock never refills a bucket.
  const config = loadConfig({
    PLAZA_LOG_LEVEL: 'silent',
    PLAZA_RATE_LIMIT: 'false',
    ...options.env,
  });
  const web = options.web ?? {};
  const fetched: string[] = [];
  const fetchText: FetchText = async (url) => {
    let current = url;
    for (let hop = 0; hop <= 5; hop++) {
      fetched.push(current);
      const answer = web[current];
      if (answer === 'network-error') throw new Error(`network error for ${current}`);
      if (answer && 'redirectTo' in answer) {
        current = answer.redirectTo;
        continue;
      }
      return answer
        ? { ...answer, finalUrl: current }
        : { status: 404, body: '', finalUrl: current };
    }
    throw new Error(`too many redirects from ${url}`);
  };
  const privateHosts = new Set(options.privateHosts ?? []);
  const deps = createDeps({
    db,
    config,
    adminKey: 'test-admin-key-0123456789abcdef',
    coordinatorKey: generatePrivateKey(),
    clock,
    logger: createLogger('silent'),
    resolver: async (host) => (privateHosts.has(host) ? ['10.0.0.7'] : ['93.184.216.34']),
    fetchText,
    publisher: options.publisher ?? null,
    ...(options.chainAccess ? { chainAccess: options.chainAccess } : {}),
  });
  const app = createApp(deps);
  return {
    app,
    deps,
    clock,
    db,
    /** URLs the coordinator fetched itself (robots.txt, sitemaps). */
    fetched,
    admin: { authorization: `Bearer ${deps.adminKey}`, 'content-type': 'application/json' },
    close: async () => {
      await deps.leaseQueue?.close();
      await deps.ingestPool.close();
      await db.close();
    },
  };
}

/** The app and helpers `createTestApp` returns. */
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
