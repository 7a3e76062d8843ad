import { frontierUrls } from '@plaza/db';
import { readBody } from '@plaza/test-kit/http';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type FakeResponse, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { expireLeases } from '../../leases/expire-leases.ts';

type LeaseBody = {
  lease: { id: string; jobs: { jobId: string; url: string }[] };
  retryAfterMs?: number;
};

describe('/v1/leases', () => {
  let t: TestApp;
  afterEach(() => t.close());

  async function setup(web: Record<string, FakeResponse> = {}, privateHosts: string[] = []) {
    t = await createTestApp({ web, privateHosts });
  }

  const statuses = async () =>
    Object.fromEntries(
      (await t.deps.db.db.select().from(frontierUrls)).map((r) => [
        r.url,
        `${r.status}:${r.reason ?? ''}`,
      ]),
    );

  it('needs a device token', async () => {
    await setup();
    const res = await t.app.request('/v1/leases', { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('leases at most one job per host, then none until the host is free again', async () => {
    await setup();
    await seedCampaign(t);
    const a = await registerTestDevice(t);
    const b = await registerTestDevice(t);
    const first = (await readBody(a.lease())) as LeaseBody;
    const hosts = first.lease.jobs.map((j) => new URL(j.url).host).sort();
    expect(hosts).toEqual(['blog.example.org', 'news.example.com']);
    const second = (await readBody(b.lease())) as LeaseBody;
    expect(second.lease.jobs).toEqual([]);
    expect(second.retryAfterMs).toBeGreaterThan(0);
  });

  it('waits for robots.txt, honours Disallow and Crawl-delay', async () => {
    await setup({
      'https://news.example.com/robots.txt': {
        status: 200,
        body: 'User-agent: *\nDisallow: /b\nCrawl-delay: 7\n',
      },
    });
    await t.app.request('/v1/campaigns', {
      method: 'POST',
      headers: t.admin,
      body: JSON.stringify({
        id: 'news',
        name: 'News',
        seeds: [
          'https://news.example.com/a',
          'https://news.example.com/b',
          'https://news.example.com/c',
        ],
        scope: { hosts: ['news.example.com'] },
        labelSchema: { kind: 'classification', classes: ['x', 'y'] },
        politeness: { minDelayMs: 0 },
      }),
    });
    const device = await registerTestDevice(t);
    // robots.txt not fetched yet: nothing to lease.
    expect(((await readBody(device.lease())) as LeaseBody).lease.jobs).toEqual([]);
    const { refreshHosts } = await import('../../frontier/refresh-hosts.ts');
    await refreshHosts(t.deps);
    expect(t.fetched).toContain('https://news.example.com/robots.txt');
    expect((await statuses())['https://news.example.com/b']).toBe('refused:ROBOTS_DISALLOWED');
    const lease = (await readBody(device.lease())) as LeaseBody;
    expect(lease.lease.jobs.map((j) => j.url)).toEqual(['https://news.example.com/a']);
    const job = lease.lease.jobs[0]!;
    const submit = await device.submit(
      await device.batch([device.contribution(job, { text: 'A short page about the harbour.' })]),
    );
    expect(submit.status).toBe(200);
    t.clock.advance(6_000);
    expect(((await readBody(device.lease())) as LeaseBody).lease.jobs).toEqual([]);
    t.clock.advance(1_500);
    const next = (await readBody(device.lease())) as LeaseBody;
    expect(next.lease.jobs.map((j) => j.url)).toEqual(['https://news.example.com/c']);
  });

  it('fails closed when robots.txt cannot be fetched, and allows all on 404', async () => {
    await setup({
      'https://news.example.com/robots.txt': { status: 503, body: '' },
      'https://blog.example.org/robots.txt': 'network-error',
    });
    await seedCampaign(t);
    const device = await registerTestDevice(t);
    const lease = (await readBody(device.lease())) as LeaseBody;
    expect(lease.lease.jobs).toEqual([]);
    // A 404 robots.txt means no rules.
    await t.close();
    await setup({});
    await seedCampaign(t, { seeds: ['https://news.example.com/a'] });
    const other = await registerTestDevice(t);
    expect(((await readBody(other.lease())) as LeaseBody).lease.jobs).toHaveLength(1);
  });

  it('refuses the URLs of hosts whose DNS answers are private', async () => {
    await setup({}, ['blog.example.org']);
    await seedCampaign(t);
    expect((await statuses())['https://blog.example.org/post-1']).toBe(
      'refused:HOST_RESOLVES_PRIVATE',
    );
    const device = await registerTestDevice(t);
    const lease = (await readBody(device.lease())) as LeaseBody;
    expect(lease.lease.jobs.every((j) => !j.url.includes('blog.example.org'))).toBe(true);
  });

  it('returns expired jobs to the queue and fails URLs after the last attempt', async () => {
    await setup();
    await seedCampaign(t, { seeds: ['https://news.example.com/a'] });
    const device = await registerTestDevice(t);
    const url = 'https://news.example.com/a';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const lease = (await readBody(device.lease())) as LeaseBody;
      expect(lease.lease.jobs.map((j) => j.url)).toEqual([url]);
      t.clock.advance(121_000);
      await expireLeases(t.deps);
    }
    const [row] = await t.deps.db.db.select().from(frontierUrls).where(eq(frontierUrls.url, url));
    expect(row).toMatchObject({ status: 'failed', reason: 'ATTEMPTS_EXHAUSTED', attempts: 3 });
    expect(((await readBody(device.lease())) as LeaseBody).lease.jobs).toEqual([]);
  });

  it('validates max', async () => {
    await setup();
    const device = await registerTestDevice(t);
    const res = await device.lease({ max: 1000 });
    expect(res.status).toBe(400);
  });
});
