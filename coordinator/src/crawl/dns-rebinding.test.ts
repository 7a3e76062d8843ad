import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createRebindingDns,
  type LoopbackSite,
  startLoopbackSite,
} from '#testing/rebinding-dns.ts';
import { loadConfig } from '../config.ts';
import { createCheckingLookup } from '../frontier/checking-lookup.ts';
import { createGuardedFetchText } from '../frontier/create-guarded-fetch-text.ts';
import { createResolveCache } from '../frontier/resolve-cache.ts';
import { createPageFetcher } from './create-page-fetcher.ts';

/** Globally routable by its class (2000::/3), but unallocated: nothing answers there. */
const PUBLIC = '2000::1';
const HOST = 'rebind.example.com';

/**
 * DNS rebinding (issue 15): a name answers a public address to the coordinator's check and
 * 127.x to the connection that follows. Every fetch the coordinator makes itself must connect to
 * what it checked, so the loopback site below never sees a connection.
 */
describe('DNS rebinding against the coordinator’s own fetches', () => {
  let site: LoopbackSite;
  let restore: () => void = () => {};
  let dns: ReturnType<typeof createRebindingDns>;
  beforeEach(async () => {
    site = await startLoopbackSite();
    dns = createRebindingDns(PUBLIC, site.address);
    restore = dns.install();
  });
  afterEach(async () => {
    restore();
    await site.close();
  });

  it('robots.txt, sitemaps and redirect resolution (fetchText): the second answer is checked, not trusted', async () => {
    const fetchText = createGuardedFetchText({ resolver: dns.resolver });
    await expect(
      fetchText(`http://${HOST}/robots.txt`, { timeoutMs: 5_000 }),
    ).rejects.toMatchObject({
      code: 'HOST_RESOLVES_PRIVATE',
    });
    expect(dns.queries(HOST)).toBe(2);
    expect(site.connections()).toBe(0);
  });

  it('fetchText with the coordinator’s cache connects to the checked address, never resolving again', async () => {
    const fetchText = createGuardedFetchText({
      resolver: dns.resolver,
      resolveCache: createResolveCache(),
    });
    // Whether the unallocated address answers or not, the socket was given nothing else.
    await fetchText(`http://${HOST}/robots.txt`, { timeoutMs: 1_000 }).catch(() => null);
    expect(dns.queries(HOST)).toBe(1);
    expect(site.connections()).toBe(0);
  });

  it('verification and server crawl over HTTP (CheerioCrawler)', async () => {
    const fetchPages = createPageFetcher({
      config: loadConfig({ PLAZA_LOG_LEVEL: 'silent' }),
      resolver: dns.resolver,
    });
    const [page] = await fetchPages([{ key: 'a', url: `http://${HOST}/a` }], 'http');
    expect(page).toMatchObject({ error: 'HOST_RESOLVES_PRIVATE', body: null });
    expect(site.connections()).toBe(0);
  }, 60_000);

  it.skipIf(!existsSync('/usr/bin/chromium'))(
    'verification and server crawl in Chromium (PlaywrightCrawler)',
    async () => {
      const fetchPages = createPageFetcher({
        config: loadConfig({ PLAZA_LOG_LEVEL: 'silent' }),
        resolver: dns.resolver,
      });
      const [page] = await fetchPages([{ key: 'a', url: `http://${HOST}/a` }], 'browser');
      expect(page?.body).toBeNull();
      expect(page?.error).not.toBeNull();
      // The check asked once; every connection asked again through the pinning proxy, refused.
      expect(dns.queries(HOST)).toBeGreaterThanOrEqual(2);
      expect(site.connections()).toBe(0);
    },
    120_000,
  );
});

describe('createCheckingLookup', () => {
  it('answers from the checked, cached addresses and refuses a private answer', async () => {
    const dns = createRebindingDns('93.184.216.34', '127.0.0.1');
    const lookupAll = (lookup: ReturnType<typeof createCheckingLookup>) =>
      new Promise((resolve) => {
        lookup(HOST, { all: true }, (error, address) => resolve(error ? error.code : address));
      });
    const cached = createCheckingLookup({
      resolver: dns.resolver,
      resolveCache: createResolveCache(),
    });
    expect(await lookupAll(cached)).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(await lookupAll(cached)).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(dns.queries(HOST)).toBe(1);
    const uncached = createCheckingLookup({ resolver: dns.resolver });
    expect(await lookupAll(uncached)).toBe('HOST_RESOLVES_PRIVATE');
  });
});
