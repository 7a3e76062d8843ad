import { Agent, createServer, get, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { serverTimeouts } from './server-timeouts.ts';

/** Opens a raw connection, writes `head`, and resolves with all it reads until the server closes. */
function trickle(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

describe('request timeouts (PLAZA_HEADERS_TIMEOUT_SECONDS, PLAZA_REQUEST_TIMEOUT_SECONDS)', () => {
  let t: TestApp;
  let server: Server | undefined;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        PLAZA_HEADERS_TIMEOUT_SECONDS: '1',
        PLAZA_REQUEST_TIMEOUT_SECONDS: '2',
        PLAZA_KEEP_ALIVE_SECONDS: '65',
      },
    });
  }, 180_000);
  afterAll(() => t?.close());
  afterEach(async () => {
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  });

  const start = async () => {
    const listening = createServer(serverTimeouts(t.deps.config), getRequestListener(t.app.fetch));
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    return (listening.address() as AddressInfo).port;
  };

  // Each connection below would stay open for Node's default 300 s: the test would time out.
  it('closes a connection whose body never finishes arriving, with a 408', async () => {
    const port = await start();
    const answer = await trickle(
      port,
      'POST /v1/devices HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"address":',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('closes a connection whose headers never finish arriving, with a 408', async () => {
    const port = await start();
    const answer = await trickle(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('keeps idle connections for PLAZA_KEEP_ALIVE_SECONDS and tells clients so', async () => {
    const port = await start();
    const agent = new Agent({ keepAlive: true });
    try {
      const header = await new Promise<string | undefined>((resolve, reject) => {
        get({ port, host: '127.0.0.1', path: '/healthz', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.headers['keep-alive'])));
        }).on('error', reject);
      });
      // Node's default would say timeout=5: a balancer idling 60 s would reuse closed connections.
      expect(header).toBe('timeout=65');
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it('keeps Node from refusing a headers timeout longer than the request timeout', () => {
    expect(
      serverTimeouts({
        PLAZA_HEADERS_TIMEOUT_SECONDS: 30,
        PLAZA_REQUEST_TIMEOUT_SECONDS: 5,
        PLAZA_KEEP_ALIVE_SECONDS: 5,
      }),
    ).toEqual({
      headersTimeout: 5000,
      requestTimeout: 5000,
      connectionsCheckingInterval: 1000,
      keepAliveTimeout: 5000,
    });
  });
});
