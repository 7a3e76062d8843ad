import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp, createDeps, loadConfig, runLoops } from '@plaza/coordinator';
import type { Db } from '@plaza/db';
import { createTestDb } from '@plaza/db/testing';
import { type CoordinatorClient, createCoordinatorClient } from '@plaza/protocol';
import { generatePrivateKey } from 'viem/accounts';
import type { FixtureInternet } from './fixture-internet.ts';

/** A coordinator whose own crawlers (verification, server crawl) fetch the fixture internet. */
export interface CrawlCoordinator {
  url: string;
  adminKey: string;
  db: Db;
  /** The admin client of the protocol. */
  admin: CoordinatorClient;
  /** Raw SQL on the coordinator's database. */
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

/**
 * The coordinator's own app and background loops (`runLoops`: robots.txt, lease expiry,
 * verification, server crawl …) on a fresh PGlite, served on 127.0.0.1. Its crawlee workers go
 * through the fixture internet's proxy (`PLAZA_CRAWL_PROXY_URL`), so every page they fetch is
 * recorded next to the devices' fetches; DNS answers are public and robots.txt is read from the
 * fixture sites in-process (`internet.answer`). Verification and server crawling are off unless
 * `env` turns them on.
 */
export async function startCrawlCoordinator(options: {
  internet: Pick<FixtureInternet, 'answer' | 'proxyUrl'>;
  env?: Record<string, string>;
}): Promise<CrawlCoordinator> {
  const db = await createTestDb('pglite');
  const config = loadConfig({
    PLAZA_LOG_LEVEL: 'silent',
    PLAZA_VERIFY: 'false',
    PLAZA_SERVER_CRAWL: 'false',
    PLAZA_CRAWL_PROXY_URL: options.internet.proxyUrl,
    ...options.env,
  });
  const adminKey = `crawl-admin-${generatePrivateKey().slice(2, 34)}`;
  const deps = createDeps({
    db,
    config,
    adminKey,
    coordinatorKey: generatePrivateKey(),
    resolver: async () => ['93.184.216.34'],
    fetchText: async (url) => {
      const answer = options.internet.answer(url);
      const body = typeof answer.body === 'string' ? answer.body : '';
      return { status: answer.status, body, finalUrl: url };
    },
  });
  const app = createApp(deps);
  const sockets = new Set<Socket>();
  const server: Server = createServer(getRequestListener(app.fetch));
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const loops = runLoops(deps);
  const query = async <T>(text: string, params: unknown[] = []) =>
    ((await db.pglite!.query(text, params)) as { rows: T[] }).rows;
  return {
    url,
    adminKey,
    db,
    admin: createCoordinatorClient({ baseUrl: url, adminKey }),
    query,
    close: async () => {
      await loops.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await db.close();
    },
  };
}
