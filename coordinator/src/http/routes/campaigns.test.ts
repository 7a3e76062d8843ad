import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignFixture } from '#testing/campaign-fixture.ts';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';

describe('/v1/campaigns', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const create = (body: unknown, headers: Record<string, string> = t.admin) =>
    t.app.request('/v1/campaigns', { method: 'POST', headers, body: JSON.stringify(body) });

  it('needs the admin key to create', async () => {
    const none = await create(campaignFixture(), { 'content-type': 'application/json' });
    expect(none.status).toBe(401);
    const wrong = await create(campaignFixture(), {
      'content-type': 'application/json',
      authorization: 'Bearer not-the-key-at-all-0123456789',
    });
    expect(wrong.status).toBe(401);
    expect((await readBody(t.app.request('/v1/campaigns'))).campaigns).toEqual([]);
  });

  it('creates a campaign with defaults and queues its seeds', async () => {
    const res = await create(campaignFixture());
    expect(res.status).toBe(201);
    const body = await readBody(res);
    expect(body.campaign).toMatchObject({
      id: 'news',
      status: 'active',
      overlap: 3,
      qualityFloor: 0.5,
      attribution: { fetch: 0.4, labels: 0.5, compute: 0.1 },
    });
    expect(body.frontier).toEqual({ added: 3, refused: [] });
    const show = await readBody(t.app.request('/v1/campaigns/news'));
    expect(show.stats.frontier).toEqual({ queued: 3 });
    // The seeds live in the frontier; the stored spec, read on every lease refill and ingest
    // batch, does not carry them.
    const [row] = await t.deps.db.rows<{ seeds: unknown }>(
      sql`select spec->'seeds' as seeds from campaigns where id = 'news'`,
    );
    expect(row?.seeds).toEqual([]);
  });

  it('refuses seeds the egress policy forbids or the scope excludes, saying why', async () => {
    const res = await create(
      campaignFixture({
        seeds: [
          'https://news.example.com/ok',
          'http://10.0.0.1/admin',
          'http://169.254.169.254/latest/meta-data',
          'http://localhost/',
          'http://intranet/',
          'https://printer.local/',
          'https://news.example.com:8080/x',
          'https://elsewhere.example.net/page',
        ],
      }),
    );
    const { frontier } = await readBody(res);
    expect(frontier.added).toBe(1);
    const codes = Object.fromEntries(
      frontier.refused.map((r: { url: string; code: string }) => [r.url, r.code]),
    );
    expect(codes['http://10.0.0.1/admin']).toBe('IP_LITERAL');
    expect(codes['http://169.254.169.254/latest/meta-data']).toBe('IP_LITERAL');
    expect(codes['http://localhost/']).toBe('LOCALHOST');
    expect(codes['http://intranet/']).toBe('SINGLE_LABEL_HOST');
    expect(codes['https://printer.local/']).toBeDefined();
    expect(codes['https://news.example.com:8080/x']).toBe('PORT_FORBIDDEN');
    expect(codes['https://elsewhere.example.net/page']).toBe('URL_OUT_OF_SCOPE');
  });

  it('normalizes seeds so the same page is queued once', async () => {
    const res = await create(
      campaignFixture({
        seeds: [
          'https://NEWS.example.com:443/a?b=2&a=1#top',
          'https://news.example.com/a?a=1&b=2&utm_source=x',
        ],
      }),
    );
    expect((await readBody(res)).frontier.added).toBe(1);
  });

  it('answers 409 for a taken id and writes nothing', async () => {
    expect((await create(campaignFixture())).status).toBe(201);
    const again = await create(
      campaignFixture({ name: 'Other', seeds: ['https://news.example.com/z'] }),
    );
    expect(again.status).toBe(409);
    expect((await readBody(again)).error.code).toBe('CAMPAIGN_EXISTS');
    const show = await readBody(t.app.request('/v1/campaigns/news'));
    expect(show.campaign.name).toBe('News articles');
    expect(show.stats.frontier).toEqual({ queued: 3 });
  });

  it('validates the campaign body', async () => {
    const res = await create({ ...campaignFixture(), id: 'Bad Id!', overlap: 0 });
    expect(res.status).toBe(400);
    const body = await readBody(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const paths = body.error.details.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['id', 'overlap']));
  });

  it('lists campaigns, shows one, and 404s an unknown one', async () => {
    await create(campaignFixture());
    await create(campaignFixture({ id: 'second', name: 'Second' }));
    const list = await readBody(t.app.request('/v1/campaigns'));
    expect(list.campaigns.map((c: { id: string }) => c.id)).toEqual(['news', 'second']);
    const missing = await t.app.request('/v1/campaigns/nope');
    expect(missing.status).toBe(404);
    expect((await readBody(missing)).error.code).toBe('CAMPAIGN_NOT_FOUND');
  });

  it('adds URLs to an existing campaign and stops at maxPages', async () => {
    await create(campaignFixture({ maxPages: 4 }));
    const res = await t.app.request('/v1/campaigns/news/urls', {
      method: 'POST',
      headers: t.admin,
      body: JSON.stringify({ urls: ['https://news.example.com/c', 'https://news.example.com/d'] }),
    });
    const body = await readBody(res);
    expect(body.added).toBe(1);
    expect(body.refused).toEqual([
      { url: 'https://news.example.com/d', code: 'MAX_PAGES_REACHED' },
    ]);
    const unknown = await t.app.request('/v1/campaigns/nope/urls', {
      method: 'POST',
      headers: t.admin,
      body: JSON.stringify({ urls: ['https://news.example.com/c'] }),
    });
    expect(unknown.status).toBe(404);
  });

  it('adds 10,000 URLs in one request', async () => {
    await create(campaignFixture({ scope: { hosts: ['*.example.com'] }, maxPages: 20_000 }));
    const urls = Array.from(
      { length: 10_000 },
      (_, i) => `https://h${i % 2500}.example.com/p/${i}`,
    );
    const body = await readBody(
      t.app.request('/v1/campaigns/news/urls', {
        method: 'POST',
        headers: t.admin,
        body: JSON.stringify({ urls }),
      }),
    );
    expect(body).toEqual({ added: 10_000, refused: [] });
    const show = await readBody(t.app.request('/v1/campaigns/news'));
    expect(show.stats.frontier.queued).toBe(10_000 + 2);
  });
});
