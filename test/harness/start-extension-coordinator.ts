import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import {
  createApp,
  createDeps,
  expireLeases,
  loadConfig,
  type Publisher,
} from '@plaza/coordinator';
import type { Db } from '@plaza/db';
import { createTestDb } from '@plaza/db/testing';
import { type CreateCampaignRequest, createCoordinatorClient } from '@plaza/protocol';
import { generatePrivateKey } from 'viem/accounts';
import type { FixtureInternet } from './fixture-internet.ts';

/** One API request the coordinator received. */
export interface CoordinatorRequest {
  method: string;
  path: string;
  at: number;
  /** Time to the answer, ms (set once answered). */
  ms?: number;
}

/** A coordinator for the extension specs, on a fixed loopback port it can leave and come back to. */
export interface ExtensionCoordinator {
  url: string;
  port: number;
  adminKey: string;
  db: Db;
  /** Every request, in order (the extension's leases and submissions, and any stray fetch). */
  requests: CoordinatorRequest[];
  /** Raw SQL on the coordinator's database. */
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  createCampaign: (request: CreateCampaignRequest) => Promise<void>;
  /**
   * Test-only job injection: puts URLs straight into a campaign's frontier (bypassing every check
   * the coordinator makes) on hosts marked ready, so the next lease hands them to the extension.
   */
  injectUrls: (campaignId: string, entries: { url: string; host: string }[]) => Promise<void>;
  /** Returns expired leases' URLs to the frontier, as the coordinator's background loop does. */
  expireLeases: () => Promise<{ requeued: number; failed: number }>;
  /** Stops listening and drops every connection (the coordinator is down). */
  stop: () => Promise<void>;
  /** Listens again on the same port. */
  start: () => Promise<void>;
  /**
   * The next `POST /v1/contributions` is processed and committed, then the connection is cut
   * before the answer and the coordinator goes down: the client cannot know it was stored.
   * Resolves once that happened.
   */
  crashAfterNextSubmit: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The coordinator's own app (`createDeps` + `createApp`) on a fresh test database, served on
 * 127.0.0.1. DNS answers are public and its own fetches (robots.txt) go to the fixture internet
 * in-process. No background loop runs: `markFixtureHostsReady` records the fixture sites'
 * robots.txt as the refresh loop would.
 */
export async function startExtensionCoordinator(
  options: ExtensionCoordinatorOptions = {},
): Promise<ExtensionCoordinator> {
  const db = await createTestDb('pglite');
  const config = loadConfig({ PLAZA_LOG_LEVEL: 'silent', ...options.env });
  const adminKey = `ext-admin-${generatePrivateKey().slice(2, 34)}`;
  // The app is made once the port is known: the public URL (Sign-In with Ethereum) is the listen
  // address. Nothing can connect before `listen` resolves.
  const state: ListenerState = { app: null, requests: [], crash: null, stop: async () => {} };
  const loopback = await serveOnLoopback(createRecordingListener(state));
  state.stop = loopback.stop;
  const { port, url, stop, start } = loopback;
  const deps = createExtensionDeps({ db, config, adminKey, url, options });
  state.app = createApp(deps);
  const query = async <T>(text: string, params: unknown[] = []) =>
    ((await db.pglite!.query(text, params)) as { rows: T[] }).rows;
  const admin = createCoordinatorClient({ baseUrl: url, adminKey });

  return {
    url,
    port,
    adminKey,
    db,
    requests: state.requests,
    query,
    createCampaign: async (request) => {
      await admin.createCampaign(request);
    },
    injectUrls: (campaignId, entries) => injectFrontierUrls(query, campaignId, entries),
    expireLeases: () => expireLeases(deps),
    stop,
    start,
    crashAfterNextSubmit: () =>
      new Promise<void>((resolve) => {
        state.crash = resolve;
      }),
    close: async () => {
      await stop();
      await db.close();
    },
  };
}

/** Options of {@link startExtensionCoordinator}. */
export interface ExtensionCoordinatorOptions {
  /** Answers the coordinator's own fetches; every one is a 404 without it. */
  internet?: Pick<FixtureInternet, 'answer'>;
  env?: Record<string, string>;
  /** Publishes frozen versions on chain (see `startTestChain`); none without it. */
  publisher?: Publisher;
}

/** What the listener reads per request: the app (once made), the log, and a pending crash. */
interface ListenerState {
  app: ReturnType<typeof createApp> | null;
  requests: CoordinatorRequest[];
  /** Set by `crashAfterNextSubmit`: resolved once the next submission was cut and the server is down. */
  crash: (() => void) | null;
  stop: () => Promise<void>;
}

/**
 * A node request listener that records every request and hands it to the app (503 until it is
 * made); with a crash pending, a `POST /v1/contributions` is processed, then its connection cut and
 * the server stopped.
 */
function createRecordingListener(state: ListenerState): ReturnType<typeof getRequestListener> {
  return getRequestListener(async (request, env) => {
    const path = new URL(request.url).pathname;
    const record: CoordinatorRequest = { method: request.method, path, at: Date.now() };
    state.requests.push(record);
    if (!state.app) return new Response(null, { status: 503 });
    const response = await state.app.fetch(request);
    record.ms = Date.now() - record.at;
    if (state.crash && request.method === 'POST' && path === '/v1/contributions') {
      const done = state.crash;
      state.crash = null;
      await response.arrayBuffer();
      (env as { incoming: { socket: Socket } }).incoming.socket.destroy();
      void state.stop().then(done);
      return new Response(null, { status: 503 });
    }
    return response;
  });
}

/**
 * Serves `listener` on a free port of 127.0.0.1; `stop` closes it and drops every connection,
 * `start` listens again on the same port.
 */
async function serveOnLoopback(listener: ReturnType<typeof getRequestListener>): Promise<{
  port: number;
  url: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(listener);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
    start: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      }),
  };
}

/** The coordinator's deps: public DNS answers, robots.txt from the fixture internet, its own URL. */
function createExtensionDeps(setup: {
  db: Db;
  config: ReturnType<typeof loadConfig>;
  adminKey: string;
  url: string;
  options: ExtensionCoordinatorOptions;
}): ReturnType<typeof createDeps> {
  const { db, config, adminKey, url, options } = setup;
  return createDeps({
    db,
    config,
    adminKey,
    coordinatorKey: generatePrivateKey(),
    resolver: async () => ['93.184.216.34'],
    publisher: options.publisher ?? null,
    publicUrl: url,
    fetchText: async (url) => {
      const answer = options.internet?.answer(url) ?? { status: 404, body: '' };
      const body = typeof answer.body === 'string' ? answer.body : '';
      return { status: answer.status, body, finalUrl: url };
    },
  });
}

/** Puts URLs straight into a campaign's frontier, on hosts marked ready (see `injectUrls`). */
async function injectFrontierUrls(
  query: ExtensionCoordinator['query'],
  campaignId: string,
  entries: { url: string; host: string }[],
): Promise<void> {
  // Newer schemas flag hosts that have queued URLs (`has_queued`); the lease reads the flag.
  const flagged =
    (
      await query(
        `select 1 from information_schema.columns
         where table_name = 'hosts' and column_name = 'has_queued'`,
      )
    ).length > 0;
  for (const { url: target, host } of entries) {
    await query(
      `insert into hosts (host, next_fetch_at, robots_state, robots_status, robots_txt,
                          robots_fetched_at, robots_expires_at, crawl_delay_ms)
       values ($1, now(), 'ok', 404, '', now(), now() + interval '1 day', 0)
       on conflict (host) do nothing`,
      [host],
    );
    if (flagged) await query('update hosts set has_queued = true where host = $1', [host]);
    await query(
      `insert into frontier_urls (campaign_id, url, host, status, priority)
       values ($1, $2, $3, 'queued', -1)`,
      [campaignId, target, host],
    );
  }
}

/**
 * Records the fixture sites' robots.txt on the coordinator as its robots/DNS loop would (state ok,
 * valid for a day, politeness window open), before their URLs enter a campaign.
 */
export async function markFixtureHostsReady(
  coordinator: Pick<ExtensionCoordinator, 'query'>,
  sites: readonly { host: string; robots?: string }[],
): Promise<void> {
  for (const site of sites) {
    await coordinator.query(
      `insert into hosts (host, next_fetch_at, robots_state, robots_status, robots_txt,
                          robots_fetched_at, robots_expires_at, crawl_delay_ms)
       values ($1, now(), 'ok', $2, $3, now(), now() + interval '1 day', 0)
       on conflict (host) do update set robots_state = 'ok', robots_status = $2,
         robots_txt = $3, robots_expires_at = now() + interval '1 day'`,
      [site.host, site.robots === undefined ? 404 : 200, site.robots ?? ''],
    );
  }
}
