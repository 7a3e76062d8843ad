import { createServer, request, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { checkEgressUrl } from '@plaza/protocol';
import { requireChromium } from '@plaza/test-kit/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackSite, startLoopbackSite } from '#testing/rebinding-dns.ts';
import type { ConnectLookup } from '../frontier/checking-lookup.ts';
import { createPinnedFetch } from '../frontier/pinned-fetch.ts';
import { fetchWithCheerio } from './fetch-with-cheerio.ts';
import { fetchWithPlaywright } from './fetch-with-playwright.ts';
import { startPinningProxy } from './start-pinning-proxy.ts';

/** Under CI a missing Chromium fails the suite instead of skipping the browser case. */
const chromium = requireChromium();

/** A lookup that sends `name` to `address` and refuses everything else (as the check would). */
function lookupFor(name: string, address: string): ConnectLookup {
  return (host, options, callback) => {
    if (host !== name) {
      callback(Object.assign(new Error(`refused ${host}`), { code: 'HOST_RESOLVES_PRIVATE' }), '');
    } else if (options.all) callback(null, [{ address, family: 4 }]);
    else callback(null, address, 4);
  };
}

const egressOnly = async (url: string) => {
  const checked = checkEgressUrl(url);
  if (!checked.ok) throw new Error(checked.code);
  return checked.url;
};

/**
 * The plumbing of pinned connections: each client really connects where its lookup says, and
 * nowhere else (the rebinding tests show that the checking lookup says the right thing).
 */
describe('connections made through a lookup', () => {
  let site: LoopbackSite;
  beforeAll(async () => {
    site = await startLoopbackSite();
  });
  afterAll(() => site?.close());

  it('createPinnedFetch connects to the address its lookup gives', async () => {
    const fetch = createPinnedFetch(lookupFor('pinned.example.com', site.address));
    const before = site.connections();
    const res = await fetch(new URL('http://pinned.example.com/'), {
      method: 'GET',
      headers: {},
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('inside the network');
    expect(site.connections()).toBe(before + 1);
  });

  it('the HTTP crawler (got) connects to the address its lookup gives', async () => {
    const before = site.connections();
    const [page] = await fetchWithCheerio([{ key: 'a', url: 'http://pinned.example.com/a' }], {
      checkUrl: egressOnly,
      lookup: lookupFor('pinned.example.com', site.address),
    });
    expect(page).toMatchObject({ status: 200, error: null });
    expect(page?.body).toContain('inside the network');
    expect(site.connections()).toBeGreaterThan(before);
  }, 60_000);

  it.skipIf(chromium.skip)(
    `Chromium reaches the web only through the pinning proxy${chromium.note}`,
    async () => {
      const before = site.connections();
      const [page] = await fetchWithPlaywright([{ key: 'a', url: 'http://pinned.example.com/a' }], {
        checkUrl: egressOnly,
        executablePath: chromium.value ?? '',
        lookup: lookupFor('pinned.example.com', site.address),
      });
      expect(page).toMatchObject({ status: 200, error: null });
      expect(page?.body).toContain('inside the network');
      expect(site.connections()).toBeGreaterThan(before);
    },
    120_000,
  );
});

describe('startPinningProxy', () => {
  let target: Server;
  let port: number;
  const seen: string[] = [];
  beforeAll(async () => {
    target = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.host}`);
      res.end(`hello ${req.url}`);
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    port = (target.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => target.close(resolve)));

  const start = () =>
    startPinningProxy({
      lookup: lookupFor('site.example.com', '127.0.0.1'),
      ports: new Set([port]),
    });

  /** Sends `head` to the proxy over a raw socket and reads until it closes or `until` shows up. */
  const raw = (proxyUrl: string, head: string, then?: string) =>
    new Promise<string>((resolve, reject) => {
      const { port: proxyPort } = new URL(proxyUrl);
      const socket = connect(Number(proxyPort), '127.0.0.1', () => socket.write(head));
      let answer = '';
      let sent = false;
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        answer += chunk;
        if (then && !sent && answer.includes('\r\n\r\n')) {
          sent = true;
          socket.write(then);
        }
        if (then && sent && answer.includes('hello')) socket.end();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(answer));
    });

  it('relays plain requests and tunnels to the looked-up address', async () => {
    const proxy = await start();
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const { port: proxyPort } = new URL(proxy.url);
        request(
          {
            host: '127.0.0.1',
            port: Number(proxyPort),
            path: `http://site.example.com:${port}/a?b=1`,
            headers: { host: `site.example.com:${port}`, 'proxy-connection': 'keep-alive' },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              body += chunk;
            });
            res.on('end', () => resolve(`${res.statusCode} ${body}`));
          },
        )
          .on('error', reject)
          .end();
      });
      expect(answer).toBe('200 hello /a?b=1');
      const tunnel = await raw(
        proxy.url,
        `CONNECT site.example.com:${port} HTTP/1.1\r\nHost: site.example.com:${port}\r\n\r\n`,
        `GET /t HTTP/1.1\r\nHost: site.example.com\r\nConnection: close\r\n\r\n`,
      );
      expect(tunnel).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 /);
      expect(tunnel).toContain('hello /t');
      expect(seen).toContain(`GET /a?b=1 site.example.com:${port}`);
    } finally {
      await proxy.close();
    }
  });

  it('stays up when a client resets a refused tunnel', async () => {
    const proxy = await start();
    try {
      const { port: proxyPort } = new URL(proxy.url);
      for (const head of [`CONNECT 127.0.0.1:${port}`, `CONNECT other.example.com:${port}`]) {
        const refusal = await new Promise<string>((resolve, reject) => {
          const socket = connect(Number(proxyPort), '127.0.0.1', () =>
            socket.write(`${head} HTTP/1.1\r\nHost: x\r\n\r\n`),
          );
          socket.on('error', reject);
          socket.once('data', (chunk: Buffer) => {
            // A reset, not a close: the proxy's socket reads ECONNRESET, which would throw in
            // the coordinator's process without a listener.
            socket.resetAndDestroy();
            resolve(chunk.toString('latin1'));
          });
        });
        expect(refusal).toMatch(/^HTTP\/1\.1 (403|502) /);
      }
      const tunnel = await raw(
        proxy.url,
        `CONNECT site.example.com:${port} HTTP/1.1\r\nHost: site.example.com:${port}\r\n\r\n`,
        `GET /after HTTP/1.1\r\nHost: site.example.com\r\nConnection: close\r\n\r\n`,
      );
      expect(tunnel).toContain('hello /after');
    } finally {
      await proxy.close();
    }
  });

  it('refuses address literals, other ports and names the lookup refuses', async () => {
    const proxy = await start();
    try {
      const ask = (head: string) => raw(proxy.url, `${head}\r\n\r\n`);
      const before = seen.length;
      expect(await ask(`GET http://127.0.0.1:${port}/ HTTP/1.1\r\nHost: 127.0.0.1`)).toMatch(
        /^HTTP\/1\.1 403/,
      );
      expect(await ask(`CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1`)).toMatch(
        /^HTTP\/1\.1 403/,
      );
      expect(await ask(`CONNECT [::1]:${port} HTTP/1.1\r\nHost: x`)).toMatch(/^HTTP\/1\.1 403/);
      expect(await ask('CONNECT site.example.com:22 HTTP/1.1\r\nHost: x')).toMatch(
        /^HTTP\/1\.1 403/,
      );
      expect(await ask(`CONNECT other.example.com:${port} HTTP/1.1\r\nHost: x`)).toMatch(
        /^HTTP\/1\.1 502/,
      );
      expect(await ask(`GET http://other.example.com:${port}/ HTTP/1.1\r\nHost: x`)).toMatch(
        /^HTTP\/1\.1 502/,
      );
      expect(seen.length).toBe(before);
    } finally {
      await proxy.close();
    }
  });
});
