import { requireChromium } from '@plaza/test-kit/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWeb, startFakeWeb } from '#testing/start-fake-web.ts';
import { loadConfig } from '../config.ts';
import { createPageFetcher } from './create-page-fetcher.ts';

/** Chromium's own service hosts (updates, safe browsing, time): never a page's requests. */
const CHROMIUM_SERVICE_HOSTS =
  /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com|chrome\.com)$/;

const article = (title: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><nav>Home</nav><article><h1>${title}</h1><p>${'A sentence of the article, long enough to count as content. '.repeat(12)}</p></article></body></html>`;

let web: FakeWeb;

beforeAll(async () => {
  web = await startFakeWeb({
    'http://news.example.com/a': { body: article('Alpha') },
    'http://news.example.com/moved': {
      status: 301,
      headers: { location: 'http://blog.example.org/landing' },
    },
    'http://blog.example.org/landing': { body: article('Landing') },
    'http://news.example.com/to-private-ip': {
      status: 302,
      headers: { location: 'http://10.0.0.1/admin' },
    },
    'http://news.example.com/to-private-dns': {
      status: 302,
      headers: { location: 'http://intranet.example.net/' },
    },
    'http://news.example.com/loop': { status: 302, headers: { location: '/loop2' } },
    'http://news.example.com/loop2': { status: 302, headers: { location: '/loop' } },
    'http://news.example.com/big': { body: new Uint8Array(3 * 1024 * 1024).fill(0x61) },
    'http://news.example.com/big-chunked': {
      body: new Uint8Array(3 * 1024 * 1024).fill(0x61),
      chunked: true,
    },
    'http://news.example.com/report.pdf': {
      headers: { 'content-type': 'application/pdf' },
      body: '%PDF-1.4',
    },
    'http://news.example.com/broken': { status: 503, body: 'try later' },
    'http://news.example.com/with-assets': {
      body: `<!doctype html><html><head><title>Assets</title><script src="http://cdn.example.net/app.js"></script><script>fetch('http://10.0.0.1/from-script')</script></head><body><img src="http://cdn.example.net/pixel.gif"><iframe src="http://cdn.example.net/frame"></iframe><p>${'Words of a page that needs a browser, long enough to be content. '.repeat(10)}</p></body></html>`,
    },
    'http://news.example.com/plain': {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'just text',
    },
  });
});

afterAll(async () => {
  await web?.close();
});

function fetcher() {
  return createPageFetcher({
    config: loadConfig({
      PLAZA_CRAWL_PROXY_URL: web.proxyUrl,
      PLAZA_LOG_LEVEL: 'silent',
      ...(chromium.value ? { PLAZA_CHROMIUM_PATH: chromium.value } : {}),
    }),
    resolver: async (host) => (host === 'intranet.example.net' ? ['10.1.2.3'] : ['93.184.216.34']),
  });
}

describe('createPageFetcher (CheerioCrawler)', () => {
  it('fetches pages through the proxy, follows redirects by hand, and reports every failure by code', async () => {
    const urls = {
      ok: 'http://news.example.com/a',
      moved: 'http://news.example.com/moved',
      privateIp: 'http://news.example.com/to-private-ip',
      privateDns: 'http://news.example.com/to-private-dns',
      loop: 'http://news.example.com/loop',
      big: 'http://news.example.com/big',
      bigChunked: 'http://news.example.com/big-chunked',
      pdf: 'http://news.example.com/report.pdf',
      broken: 'http://news.example.com/broken',
      missing: 'http://news.example.com/missing',
      plain: 'http://news.example.com/plain',
      literal: 'http://127.0.0.1/',
    };
    const results = await fetcher()(
      Object.entries(urls).map(([key, url]) => ({ key, url })),
      'http',
    );
    const by = Object.fromEntries(results.map((r) => [r.key, r]));
    expect(by.ok).toMatchObject({ status: 200, error: null, finalUrl: urls.ok });
    expect(by.ok!.body).toContain('<title>Alpha</title>');
    expect(by.ok!.bodyHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(by.moved).toMatchObject({ status: 200, finalUrl: 'http://blog.example.org/landing' });
    expect(by.privateIp).toMatchObject({ error: 'IP_LITERAL', body: null });
    expect(by.privateDns).toMatchObject({ error: 'HOST_RESOLVES_PRIVATE', body: null });
    expect(by.loop).toMatchObject({ error: 'TOO_MANY_REDIRECTS', body: null });
    expect(by.big).toMatchObject({ error: 'TOO_LARGE', body: null });
    expect(by.bigChunked).toMatchObject({ error: 'TOO_LARGE', body: null });
    expect(by.pdf).toMatchObject({ error: 'CONTENT_TYPE_REFUSED', status: 200, body: null });
    expect(by.broken).toMatchObject({ status: 503, error: null, body: 'try later' });
    expect(by.missing).toMatchObject({ status: 404, error: null });
    expect(by.plain).toMatchObject({ status: 200, body: 'just text' });
    expect(by.literal).toMatchObject({ error: 'IP_LITERAL', status: 0 });

    // Refused hops never left: the proxy saw neither the private targets nor the literal.
    const seen = web.requests.map((r) => r.url);
    expect(seen).not.toContain('http://10.0.0.1/admin');
    expect(seen).not.toContain('http://intranet.example.net/');
    expect(seen.some((u) => u.startsWith('http://127.0.0.1'))).toBe(false);
    // GET only, as PlazaBot, never a cookie back, and the looping redirect stopped at 6 hops.
    for (const request of web.requests) {
      expect(request.method).toBe('GET');
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers['user-agent']).toMatch(/^PlazaBot\//);
    }
    expect(seen.filter((u) => u.includes('/loop')).length).toBe(6);
  });
});

const chromium = requireChromium();

describe.skipIf(chromium.skip)(`createPageFetcher (PlaywrightCrawler)${chromium.note}`, () => {
  it('lets only checked main-document hops leave the browser', async () => {
    const before = web.requests.length;
    const results = await fetcher()(
      [
        { key: 'assets', url: 'http://news.example.com/with-assets' },
        { key: 'moved', url: 'http://news.example.com/moved' },
        { key: 'privateIp', url: 'http://news.example.com/to-private-ip' },
        { key: 'privateDns', url: 'http://news.example.com/to-private-dns' },
      ],
      'browser',
    );
    const by = Object.fromEntries(results.map((r) => [r.key, r]));
    expect(by.assets).toMatchObject({ status: 200, error: null });
    expect(by.assets!.body).toContain('<title>Assets</title>');
    expect(by.moved).toMatchObject({ status: 200, finalUrl: 'http://blog.example.org/landing' });
    expect(by.moved!.body).toContain('Landing');
    expect(by.privateIp).toMatchObject({ error: 'IP_LITERAL', body: null });
    expect(by.privateDns).toMatchObject({ error: 'HOST_RESOLVES_PRIVATE', body: null });
    // Chromium's own background traffic (CONNECT to update servers, plain requests to Google's
    // services, which the pinning proxy refuses as it refuses any unchecked host) is not the
    // page's. Nor is
    // the favicon: the browser asks for it itself, outside the page's routing, sometimes, and
    // only from a host the checked main document already came from (without cookies, below).
    const seen = web.requests.slice(before).filter((r) => r.method !== 'CONNECT');
    expect(
      seen
        .filter((r) => !CHROMIUM_SERVICE_HOSTS.test(new URL(r.url).hostname))
        .filter((r) => new URL(r.url).pathname !== '/favicon.ico')
        .map((r) => r.url)
        .sort(),
    ).toEqual(
      [
        'http://blog.example.org/landing',
        'http://news.example.com/moved',
        'http://news.example.com/to-private-dns',
        'http://news.example.com/to-private-ip',
        'http://news.example.com/with-assets',
      ].sort(),
    );
    // No request of the page carries a cookie back. Chromium's own favicon request, outside the
    // page's routing, may carry the cookie the same host just set (seen on a loaded machine): it
    // goes only to a host already fetched, with that host's own cookie.
    for (const request of seen) {
      if (new URL(request.url).pathname === '/favicon.ico') continue;
      expect(request.headers.cookie, request.url).toBeUndefined();
    }
  });
});
