import { contributionBatches, contributions, devices, frontierUrls, hosts } from '@plaza/db';
import { contributionBatchTypedData } from '@plaza/protocol';
import { eq } from 'drizzle-orm';
import { recoverTypedDataAddress } from 'viem';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateArticle } from '#testing/articles.ts';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { articleHtml, createFakePageFetcher, type FakeFetch } from '#testing/fake-page-fetcher.ts';
import { seedCampaign } from '#testing/seed.ts';
import { enqueueChecks } from '../verify/enqueue-checks.ts';
import { createServerCrawler } from './create-server-crawler.ts';

describe('createServerCrawler', () => {
  let t: TestApp;
  let pages: Map<string, FakeFetch>;
  let fake: ReturnType<typeof createFakePageFetcher>;

  beforeEach(async () => {
    t = await createTestApp({
      web: {
        'https://polite.example.com/robots.txt': {
          status: 200,
          body: 'User-agent: *\nCrawl-delay: 5\nDisallow: /private\n',
        },
      },
    });
    pages = new Map();
    fake = createFakePageFetcher(pages);
  });
  afterEach(() => t.close());

  it('registers nothing and leases nothing while no campaign asks for server crawling', async () => {
    await seedCampaign(t, { id: 'browsers-only', seeds: ['https://news.example.com/a'] });
    const result = await createServerCrawler(t.deps, fake.fetchPages).run();
    expect(result).toEqual({ leased: 0, submitted: 0, abandoned: 0 });
    expect(await t.deps.db.db.select().from(devices)).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('leases from the shared frontier as a device, obeys robots.txt and Crawl-delay, and submits signed contributions through ingest', async () => {
    await seedCampaign(t, {
      id: 'servers',
      serverCrawl: true,
      politeness: { minDelayMs: 1000 },
      seeds: [
        'https://polite.example.com/a',
        'https://polite.example.com/b',
        'https://polite.example.com/private/x',
        'https://fast.example.com/a',
      ],
      scope: { hosts: ['*.example.com'] },
    });
    // Another campaign on another host, without server crawling: the worker leaves it alone.
    await seedCampaign(t, {
      id: 'others',
      seeds: ['https://other.example.com/a'],
      scope: { hosts: ['*.example.com'] },
    });
    pages.set('https://polite.example.com/a', articleHtml('Polite A', generateArticle(1)));
    pages.set(
      'https://fast.example.com/a',
      articleHtml('Fast A', generateArticle(2)).replace(
        '</article>',
        '<a href="https://fast.example.com/next">next</a></article>',
      ),
    );

    const result = await createServerCrawler(t.deps, fake.fetchPages).run();
    // One job per host per politeness window: polite.example.com/b waits for the Crawl-delay.
    expect(result).toEqual({ leased: 2, submitted: 2, abandoned: 0 });
    expect(fake.calls).toEqual([
      {
        urls: expect.arrayContaining([
          'https://polite.example.com/a',
          'https://fast.example.com/a',
        ]),
        mode: 'http',
      },
    ]);

    const [worker] = await t.deps.db.db.select().from(devices);
    expect(worker).toMatchObject({ kind: 'server', status: 'active' });
    const stored = await t.deps.db.db.select().from(contributions);
    expect(stored.map((c) => [c.url, c.outcome, c.deviceAddress]).sort()).toEqual([
      ['https://fast.example.com/a', 'accepted', worker!.address],
      ['https://polite.example.com/a', 'accepted', worker!.address],
    ]);
    // Real signatures: the stored batch recovers to the worker's address.
    const [batch] = await t.deps.db.db.select().from(contributionBatches);
    const signer = await recoverTypedDataAddress({
      ...contributionBatchTypedData({
        chainId: t.deps.config.PLAZA_CHAIN_ID,
        coordinator: t.deps.signer.address,
        device: worker!.address as `0x${string}`,
        items: [],
      }),
      message: {
        device: worker!.address as `0x${string}`,
        itemsHash: batch!.itemsHash as `0x${string}`,
        count: batch!.itemHashes.length,
      },
      signature: batch!.signature as `0x${string}`,
    });
    expect(signer.toLowerCase()).toBe(worker!.address);
    expect(batch!.itemHashes).toContain(stored[0]!.structHash);

    const frontier = await t.deps.db.db.select().from(frontierUrls);
    const status = Object.fromEntries(frontier.map((f) => [f.url, [f.status, f.reason]]));
    expect(status['https://polite.example.com/private/x']).toEqual([
      'refused',
      'ROBOTS_DISALLOWED',
    ]);
    expect(status['https://polite.example.com/b']).toEqual(['queued', null]);
    expect(status['https://other.example.com/a']).toEqual(['queued', null]);
    // Links the worker found entered the frontier like an extension's.
    expect(status['https://fast.example.com/next']).toEqual(['queued', null]);
    const [polite] = await t.deps.db.db
      .select()
      .from(hosts)
      .where(eq(hosts.host, 'polite.example.com'));
    expect(polite!.nextFetchAt.getTime()).toBe(t.clock.now().getTime() + 5000);

    // Not sampled for verification: it would only re-fetch its own fetches.
    expect(await enqueueChecks(t.deps)).toMatchObject({ considered: 2, queued: 0, skipped: 2 });

    // After the Crawl-delay the next page of the host is its turn; a 404 is reported as such.
    t.clock.advance(5000);
    expect(await createServerCrawler(t.deps, fake.fetchPages).run()).toMatchObject({
      leased: 2,
      submitted: 2,
    });
    const failed = await t.deps.db.db
      .select()
      .from(contributions)
      .where(eq(contributions.url, 'https://polite.example.com/b'));
    expect(failed[0]).toMatchObject({ outcome: 'fetch_failed', httpStatus: 404 });
  });

  it('leaves jobs it was refused to fetch to expire, as an extension does', async () => {
    await seedCampaign(t, {
      id: 'refused',
      serverCrawl: true,
      seeds: ['https://redirects.example.com/a'],
      scope: { hosts: ['*.example.com'] },
    });
    pages.set('https://redirects.example.com/a', { error: 'HOST_RESOLVES_PRIVATE' });
    expect(await createServerCrawler(t.deps, fake.fetchPages).run()).toEqual({
      leased: 1,
      submitted: 0,
      abandoned: 1,
    });
    expect(await t.deps.db.db.select().from(contributions)).toEqual([]);
  });

  it('reports a redirect that ends outside the campaign as an opaque one, never as the page', async () => {
    await seedCampaign(t, {
      id: 'moving',
      serverCrawl: true,
      seeds: ['https://moving.example.com/a', 'https://moving.example.com/b'],
      scope: { hosts: ['*.example.com'] },
    });
    const html = articleHtml('Moved', generateArticle(7));
    pages.set('https://moving.example.com/a', {
      status: 200,
      body: html,
      finalUrl: 'https://elsewhere.org/a',
    });
    pages.set('https://moving.example.com/b', {
      status: 200,
      body: html,
      finalUrl: 'https://www.moving.example.com/b',
    });
    const result = await createServerCrawler(t.deps, fake.fetchPages).run();
    expect(result).toMatchObject({ leased: 2, submitted: 2 });
    const stored = await t.deps.db.db.select().from(contributions);
    const byUrl = new Map(stored.map((c) => [c.url, c]));
    expect(byUrl.get('https://moving.example.com/a')).toMatchObject({
      httpStatus: 0,
      finalUrl: 'https://moving.example.com/a',
    });
    expect(byUrl.get('https://moving.example.com/b')).toMatchObject({
      httpStatus: 200,
      finalUrl: 'https://www.moving.example.com/b',
    });
    const [frontier] = await t.deps.db.db
      .select()
      .from(frontierUrls)
      .where(eq(frontierUrls.url, 'https://moving.example.com/a'));
    expect(frontier?.reason).toBe('OPAQUE_REDIRECT');
  });
});
