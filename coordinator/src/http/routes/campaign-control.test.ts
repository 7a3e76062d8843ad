import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignFixture } from '#testing/campaign-fixture.ts';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { refreshHosts } from '../../frontier/refresh-hosts.ts';

describe('steering a campaign through the API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({
      privateHosts: ['intranet.example.net'],
      web: {
        'https://down.example.com/robots.txt': { status: 503, body: '' },
        'https://slow.example.com/robots.txt': {
          status: 200,
          body: 'User-agent: *\nCrawl-delay: 20\nDisallow: /private\n',
        },
      },
    });
  });
  afterEach(() => t.close());

  const post = (path: string, body: unknown = {}) =>
    t.app.request(path, { method: 'POST', headers: t.admin, body: JSON.stringify(body) });
  const patch = (id: string, body: unknown) =>
    t.app.request(`/v1/campaigns/${id}`, {
      method: 'PATCH',
      headers: t.admin,
      body: JSON.stringify(body),
    });
  const leasedUrls = async () => {
    const device = await registerTestDevice(t);
    const { lease } = await readBody(device.lease({ max: 8 }));
    return (lease.jobs as { url: string }[]).map((j) => j.url).sort();
  };
  const frontier = async (id: string) =>
    (await readBody(t.app.request(`/v1/campaigns/${id}`))).stats.frontier;

  it('pauses leasing, and resuming queues the hosts again that leasing gave up on', async () => {
    await seedCampaign(t);
    const paused = await readBody(post('/v1/campaigns/news/pause'));
    expect(paused.campaign.status).toBe('paused');
    // A lease while paused finds the hosts without work for an active campaign and clears them.
    expect(await leasedUrls()).toEqual([]);
    const flags = await t.db.rows<{ n: number }>(
      sql`select count(*)::int as n from hosts where has_queued`,
    );
    expect(Number(flags[0]?.n)).toBe(0);
    const resumed = await readBody(post('/v1/campaigns/news/resume'));
    expect(resumed).toMatchObject({
      campaign: { status: 'active' },
      frontier: { requeuedHosts: 2 },
    });
    expect(await leasedUrls()).toEqual([
      'https://blog.example.org/post-1',
      'https://news.example.com/a',
    ]);
  });

  it('closes for good: queued URLs leave, pause, resume and edit answer CAMPAIGN_CLOSED', async () => {
    await seedCampaign(t);
    const closed = await readBody(post('/v1/campaigns/news/close'));
    expect(closed).toMatchObject({ campaign: { status: 'closed' }, frontier: { refused: 3 } });
    expect(await frontier('news')).toEqual({ refused: 3 });
    for (const res of [
      await post('/v1/campaigns/news/resume'),
      await post('/v1/campaigns/news/pause'),
      await patch('news', { overlap: 5 }),
    ]) {
      expect(res.status).toBe(409);
      expect((await readBody(res)).error.code).toBe('CAMPAIGN_CLOSED');
    }
    expect((await post('/v1/campaigns/news/close')).status).toBe(200);
    expect(await leasedUrls()).toEqual([]);
  });

  it('edits the scope: URLs left out are refused, and come back when the scope does', async () => {
    await seedCampaign(t);
    const narrowed = await readBody(
      patch('news', { scope: { hosts: ['news.example.com'] }, overlap: 5 }),
    );
    expect(narrowed.campaign).toMatchObject({ overlap: 5, scope: { hosts: ['news.example.com'] } });
    expect(narrowed.frontier).toMatchObject({ refused: 1, requeued: 0 });
    expect(await frontier('news')).toEqual({ queued: 2, refused: 1 });
    const widened = await readBody(
      patch('news', { scope: { hosts: ['news.example.com', '*.example.org'] } }),
    );
    expect(widened.frontier).toMatchObject({ refused: 0, requeued: 1 });
    expect(await frontier('news')).toEqual({ queued: 3 });
  });

  it('edits limits: a lower maxPages takes the newest queued URLs out, a higher one returns them', async () => {
    await seedCampaign(t);
    expect((await readBody(patch('news', { maxPages: 1 }))).frontier.refused).toBe(2);
    expect(await frontier('news')).toEqual({ queued: 1, refused: 2 });
    expect(
      (await readBody(patch('news', { maxPages: 100, qualityFloor: 0.2 }))).frontier.requeued,
    ).toBe(2);
    expect((await readBody(t.app.request('/v1/campaigns/news'))).campaign.qualityFloor).toBe(0.2);
  });

  it('refuses bad edits with a reason and changes nothing', async () => {
    await seedCampaign(t);
    const empty = await patch('news', {});
    expect(empty.status).toBe(400);
    const fixed = await patch('news', { labelSchema: { kind: 'spans', classes: ['a', 'b'] } });
    expect(fixed.status).toBe(400);
    const local = await patch('news', { scope: { hosts: ['printer.local'] } });
    expect(local.status).toBe(422);
    expect((await readBody(local)).error).toMatchObject({ code: 'CAMPAIGN_INVALID' });
    expect((await readBody(t.app.request('/v1/campaigns/news'))).campaign.scope.hosts).toHaveLength(
      2,
    );
  });

  it('refuses a campaign whose every seed is out of scope, or whose scope names a refused host', async () => {
    const outOfScope = await post(
      '/v1/campaigns',
      campaignFixture({
        seeds: ['https://elsewhere.example.net/'],
        scope: { hosts: ['news.example.com'] },
      }),
    );
    expect(outOfScope.status).toBe(422);
    const body = await readBody(outOfScope);
    expect(body.error.code).toBe('CAMPAIGN_INVALID');
    expect(body.error.message).toContain('URL_OUT_OF_SCOPE');
    expect(body.error.details.refusedSeeds).toEqual([
      { url: 'https://elsewhere.example.net/', code: 'URL_OUT_OF_SCOPE' },
    ]);
    const ip = await readBody(
      post('/v1/campaigns', campaignFixture({ scope: { hosts: ['10.0.0.1', 'localhost'] } })),
    );
    expect(ip.error.code).toBe('CAMPAIGN_INVALID');
    expect(ip.error.details.refusedHosts.map((h: { code: string }) => h.code)).toEqual([
      'IP_LITERAL',
      'LOCALHOST',
    ]);
    expect((await readBody(t.app.request('/v1/campaigns'))).campaigns).toEqual([]);
  });

  it('says per host why the campaign is stuck: DNS, robots.txt, crawl-delay, failures, pause', async () => {
    await seedCampaign(t, {
      seeds: [
        'https://news.example.com/a',
        'https://intranet.example.net/x',
        'https://down.example.com/x',
        'https://slow.example.com/ok',
        'https://slow.example.com/private/1',
      ],
      scope: {
        hosts: ['news.example.com', 'intranet.example.net', 'down.example.com', 'slow.example.com'],
      },
    });
    // gone.example.com does not resolve at all.
    t.deps.resolver = async (host) => {
      if (host === 'gone.example.com')
        throw Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' });
      return host === 'intranet.example.net' ? ['10.0.0.7'] : ['93.184.216.34'];
    };
    await patch('news', { scope: { hosts: ['*.example.com', 'intranet.example.net'] } });
    await post('/v1/campaigns/news/urls', { urls: ['https://gone.example.com/a'] });
    await refreshHosts(t.deps);
    await t.db.rows(sql`update frontier_urls set status = 'failed', reason = 'FETCH_FAILED'
                        where url = 'https://news.example.com/a'`);
    const hosts = await readBody(t.app.request('/v1/campaigns/news/hosts', { headers: t.admin }));
    const codes = Object.fromEntries(
      (hosts.hosts as { host: string; blockers: { code: string }[] }[]).map((h) => [
        h.host,
        h.blockers.map((b) => b.code),
      ]),
    );
    expect(codes).toEqual({
      'news.example.com': ['FETCH_FAILURES'],
      'intranet.example.net': ['HOST_RESOLVES_PRIVATE'],
      'down.example.com': ['ROBOTS_ERROR'],
      'slow.example.com': ['ROBOTS_DISALLOWED', 'CRAWL_DELAY'],
      'gone.example.com': ['HOST_UNRESOLVABLE'],
    });
    const down = hosts.hosts.find((h: { host: string }) => h.host === 'down.example.com');
    expect(down.robots).toMatchObject({ state: 'error', status: 503 });
    expect(down.blockers[0].message).toContain('robots.txt answered 503');
    expect(down.blockers[0].until).toBe(down.robots.expiresAt);
    expect(hosts.summary).toMatchObject({ ROBOTS_ERROR: 1, HOST_UNRESOLVABLE: 1, CRAWL_DELAY: 1 });
    await post('/v1/campaigns/news/pause');
    const paused = await readBody(t.app.request('/v1/campaigns/news/hosts', { headers: t.admin }));
    expect(paused.summary.CAMPAIGN_PAUSED).toBeGreaterThan(0);
    expect((await t.app.request('/v1/campaigns/news/hosts')).status).toBe(401);
  });
});
