import { contributions, devices, hosts, verificationChecks } from '@plaza/db';
import { verificationReportSchema } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateArticle } from '#testing/articles.ts';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { articleHtml, createFakePageFetcher, type FakeFetch } from '#testing/fake-page-fetcher.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { loadRows } from '../datasets/load-rows.ts';
import { expireLeases } from '../leases/expire-leases.ts';
import { runVerificationRound } from './run-verification-round.ts';

type Device = Awaited<ReturnType<typeof registerTestDevice>>;
type Job = { jobId: string; url: string; campaignId: string };

/** The true text of every URL: a generated article seeded by the URL. */
function trueText(url: string): string {
  let seed = 0;
  for (const ch of url) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  return generateArticle(seed, 300);
}

describe('runVerificationRound', () => {
  let t: TestApp;
  let pages: Map<string, FakeFetch>;
  let fake: ReturnType<typeof createFakePageFetcher>;

  beforeEach(async () => {
    t = await createTestApp();
    pages = new Map();
    fake = createFakePageFetcher(pages);
  });
  afterEach(() => t.close());

  async function campaign(id: string, urls: string[], extra: Record<string, unknown> = {}) {
    await seedCampaign(t, { id, seeds: urls, scope: { hosts: ['*.example.com'] }, ...extra });
    for (const url of urls) pages.set(url, articleHtml(`Page ${url}`, trueText(url)));
  }

  async function lease(device: Device, campaignId: string): Promise<Job[]> {
    return (await readBody(device.lease({ max: 16, campaignId }))).lease.jobs;
  }

  async function submit(device: Device, jobs: Job[], fabricate: (job: Job, i: number) => boolean) {
    const items = jobs.map((job, i) =>
      device.contribution(job, {
        text: fabricate(job, i) ? generateArticle(10_000 + i, 300) : trueText(job.url),
        fetchedAt: Math.floor(t.clock.now().getTime() / 1000),
      }),
    );
    const res = await device.submit(await device.batch(items));
    expect(res.status).toBe(200);
  }

  const round = () => runVerificationRound(t.deps, { fetchPages: fake.fetchPages });

  it('confirms honest pages, fails fabricated ones, quarantines the cheater and revokes what it was not confirmed for', async () => {
    const honestUrls = [0, 1, 2, 3].map((i) => `https://a${i}.example.com/story`);
    const cheatUrls = [
      ...[0, 1, 2, 3].map((i) => `https://b${i}.example.com/story`),
      'https://b3.example.com/second',
    ];
    const heldUrl = 'https://b9.example.com/held';
    await campaign('honest', honestUrls);
    await campaign('cheat', cheatUrls);
    await campaign('held', [heldUrl]);
    const honest = await registerTestDevice(t);
    const cheater = await registerTestDevice(t);
    await submit(honest, await lease(honest, 'honest'), () => false);
    const first = await lease(cheater, 'cheat');
    expect(first).toHaveLength(4);
    const fabricated = first.filter((j) => !j.url.startsWith('https://b3.')).map((j) => j.url);
    await submit(cheater, first, (job) => fabricated.includes(job.url));
    t.clock.advance(1000);
    const second = await lease(cheater, 'cheat');
    expect(second).toHaveLength(1);
    // b3's page leased second waits for its host, so it is still unchecked at the quarantine.
    const [checkedB3, laterB3] = [
      first.find((j) => j.url.startsWith('https://b3.'))!.url,
      second[0]!.url,
    ];
    await submit(cheater, second, () => false);
    // A job the cheater holds when it is quarantined goes back to the swarm at once.
    expect((await lease(cheater, 'held')).map((j) => j.url)).toEqual([heldUrl]);

    const result = await round();
    expect(result).toMatchObject({ considered: 9, queued: 9, fetched: 8, confirmed: 5, failed: 3 });
    expect(result.quarantined).toEqual([cheater.address]);
    // One page per host: b3's second page waited for its host, then was dropped by the quarantine.
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.mode).toBe('http');
    expect(fake.calls[0]!.urls.sort()).toEqual([...honestUrls, ...first.map((j) => j.url)].sort());

    const states = await t.deps.db.db
      .select({
        url: contributions.url,
        device: contributions.deviceAddress,
        verification: contributions.verification,
      })
      .from(contributions);
    const stateOf = (url: string) => states.find((s) => s.url === url)!.verification;
    for (const url of honestUrls) expect(stateOf(url)).toBe('confirmed');
    for (const url of fabricated) expect(stateOf(url)).toBe('failed');
    expect(stateOf(checkedB3)).toBe('confirmed');
    expect(stateOf(laterB3)).toBe('revoked');

    const checks = await t.deps.db.db.select().from(verificationChecks);
    for (const check of checks) {
      if (check.state === 'confirmed') expect(check.similarity).toBeGreaterThan(0.95);
      if (check.state === 'failed') expect(check.similarity).toBeLessThan(0.2);
      expect(check.reason).toBe('reputation');
    }
    expect(checks.find((c) => c.url === laterB3)).toMatchObject({
      state: 'inconclusive',
      error: 'DEVICE_QUARANTINED',
    });

    const [h] = await t.deps.db.db
      .select()
      .from(devices)
      .where(eq(devices.address, honest.address));
    expect(h).toMatchObject({ status: 'active', confirmedChecks: 4, failedChecks: 0 });
    expect(h!.reputation).toBeCloseTo(5 / 6, 6);

    const shown = await readBody(t.app.request(`/v1/devices/${cheater.address}`));
    expect(shown.device).toMatchObject({
      status: 'quarantined',
      checks: { confirmed: 1, failed: 3 },
      quarantine: { reason: 'VERIFICATION_FAILED', confirmedChecks: 1, failedChecks: 3 },
    });
    expect(shown.device.reputation).toBeCloseTo(2 / 6, 6);
    expect(shown.device.quarantine.message).toContain('3 of 4 checks failed');
    const honestShown = await readBody(t.app.request(`/v1/devices/${honest.address}`));
    expect(honestShown.device.quarantine).toBeNull();

    await expireLeases(t.deps);
    expect((await lease(honest, 'held')).map((j) => j.url)).toEqual([heldUrl]);

    const refused = await cheater.lease({ max: 4 });
    expect(refused.status).toBe(403);
    const error = (await refused.json()).error;
    expect(error.code).toBe('DEVICE_QUARANTINED');
    expect(error.details).toMatchObject({ reason: 'VERIFICATION_FAILED', failedChecks: 3 });

    // A dataset freeze keeps only what was not fabricated or revoked: here the one confirmed page.
    const rows = await loadRows(t.deps, { campaignId: 'cheat', qualityFloor: 0 });
    expect(rows.map((r) => r.url)).toEqual([checkedB3]);
    expect((await loadRows(t.deps, { campaignId: 'honest', qualityFloor: 0 })).length).toBe(4);

    const reportRes = await t.app.request('/v1/campaigns/cheat/verification', { headers: t.admin });
    expect(reportRes.status).toBe(200);
    const report = verificationReportSchema.parse(await reportRes.json());
    expect(report.checks).toEqual({ confirmed: 1, failed: 3, inconclusive: 1 });
    expect(report.contributions).toEqual({ confirmed: 1, failed: 3, revoked: 1 });
    expect(report.byReason).toEqual({ reputation: 5 });
    expect(report.similarityHistogram.reduce((a, b) => a + b, 0)).toBe(4);
    expect(report.recentFailures).toHaveLength(3);
    expect(report.devices).toEqual([
      expect.objectContaining({
        address: cheater.address,
        status: 'quarantined',
        contributions: 5,
      }),
    ]);
    expect((await t.app.request('/v1/campaigns/cheat/verification')).status).toBe(401);
  });

  it('samples trusted devices at the campaign rate and always checks flagged contributions', async () => {
    const urls = [0, 1, 2, 3].map((i) => `https://t${i}.example.com/story`);
    await campaign('trusted', urls, { verifyRate: 0.5 });
    const device = await registerTestDevice(t);
    await t.deps.db.db
      .update(devices)
      .set({ reputation: 0.99, confirmedChecks: 98, failedChecks: 0 })
      .where(eq(devices.address, device.address));
    const jobs = await lease(device, 'trusted');
    for (const [i, job] of jobs.entries()) {
      const now = Math.floor(t.clock.now().getTime() / 1000);
      const item = device.contribution(job, {
        text: trueText(job.url),
        // The last one claims it was fetched an hour before its lease.
        fetchedAt: i === 3 ? now - 3600 : now,
      });
      // One at a time, so the sampler meets them (and its draws) in this order.
      await device.submit(await device.batch([item]));
      t.clock.advance(1000);
    }
    const draws = [0.1, 0.9, 0.7, 0.0];
    const result = await runVerificationRound(t.deps, {
      fetchPages: fake.fetchPages,
      random: () => draws.shift() ?? 1,
    });
    expect(result).toMatchObject({ considered: 4, queued: 2, confirmed: 2 });
    const checks = await t.deps.db.db.select().from(verificationChecks);
    expect(checks.map((c) => [c.url, c.reason, c.flags]).sort()).toEqual(
      [
        [jobs[0]!.url, 'sample', []],
        [jobs[3]!.url, 'flagged', ['FETCHED_OUTSIDE_LEASE']],
      ].sort(),
    );
    const skipped = await t.deps.db.db
      .select()
      .from(contributions)
      .where(eq(contributions.verification, 'skipped'));
    expect(skipped).toHaveLength(2);
  });

  it('leaves pages it cannot re-fetch inconclusive, retries transient failures once, and never moves the reputation for them', async () => {
    const urls = [0, 1, 2, 3].map((i) => `https://u${i}.example.com/story`);
    await campaign('unreachable', urls);
    pages.set(urls[0]!, { error: 'HOST_RESOLVES_PRIVATE' });
    pages.set(urls[1]!, { status: 404, body: 'gone' });
    pages.set(urls[2]!, { error: 'NETWORK_ERROR' });
    const device = await registerTestDevice(t);
    await submit(device, await lease(device, 'unreachable'), () => false);
    // Since the contribution, robots.txt of u3 disallows the page: no re-fetch at all.
    await t.deps.db.db
      .update(hosts)
      .set({ robotsTxt: 'User-agent: *\nDisallow: /story\n' })
      .where(eq(hosts.host, 'u3.example.com'));

    const first = await round();
    expect(first).toMatchObject({
      fetched: 3,
      inconclusive: 3,
      retried: 1,
      confirmed: 0,
      failed: 0,
    });
    expect(fake.calls[0]!.urls).not.toContain(urls[3]);
    const byUrl = async () =>
      Object.fromEntries(
        (await t.deps.db.db.select().from(verificationChecks)).map((c) => [c.url, c]),
      );
    let checks = await byUrl();
    expect(checks[urls[0]!]).toMatchObject({
      state: 'inconclusive',
      error: 'HOST_RESOLVES_PRIVATE',
    });
    expect(checks[urls[1]!]).toMatchObject({
      state: 'inconclusive',
      error: 'HTTP_404',
      httpStatus: 404,
    });
    expect(checks[urls[2]!]).toMatchObject({ state: 'pending', attempts: 1 });
    expect(checks[urls[3]!]).toMatchObject({ state: 'inconclusive', error: 'ROBOTS_DISALLOWED' });

    // Not before the retry delay …
    expect((await round()).fetched).toBe(0);
    t.clock.advance(31_000);
    // … then once more, and that is the last attempt.
    expect(await round()).toMatchObject({ fetched: 1, inconclusive: 1, retried: 0 });
    checks = await byUrl();
    expect(checks[urls[2]!]).toMatchObject({
      state: 'inconclusive',
      error: 'NETWORK_ERROR',
      attempts: 2,
    });
    const [row] = await t.deps.db.db
      .select()
      .from(devices)
      .where(eq(devices.address, device.address));
    expect(row).toMatchObject({
      confirmedChecks: 0,
      failedChecks: 0,
      reputation: 0.5,
      status: 'active',
    });
  });

  it('re-fetches a host only when its politeness window is open, and closes it again after', async () => {
    const urls = ['https://slow.example.com/1', 'https://slow.example.com/2'];
    await campaign('polite', urls, { politeness: { minDelayMs: 10_000 } });
    const device = await registerTestDevice(t);
    await submit(device, await lease(device, 'polite'), () => false);
    t.clock.advance(10_000);
    await submit(device, await lease(device, 'polite'), () => false);
    const nextFetch = async () =>
      (await t.deps.db.db.select().from(hosts).where(eq(hosts.host, 'slow.example.com')))[0]!
        .nextFetchAt;

    // Ingest closed the host for 10 s after the second page.
    expect((await round()).fetched).toBe(0);
    t.clock.advance(10_000);
    expect((await round()).fetched).toBe(1);
    expect((await nextFetch()).getTime()).toBe(t.clock.now().getTime() + 10_000);
    // The re-fetch took the host's slot: a device asking now gets nothing from it.
    const other = await registerTestDevice(t);
    await t.deps.db.rows(
      sql`insert into frontier_urls (campaign_id, url, host, status) values ('polite', 'https://slow.example.com/3', 'slow.example.com', 'queued')`,
    );
    await t.deps.db.db
      .update(hosts)
      .set({ hasQueued: true })
      .where(eq(hosts.host, 'slow.example.com'));
    expect(await lease(other, 'polite')).toEqual([]);
    expect((await round()).fetched).toBe(0);
    t.clock.advance(10_000);
    expect((await round()).fetched).toBe(1);
    expect(fake.calls.map((c) => c.urls)).toEqual([[urls[0]], [urls[1]]]);
  });

  it('re-fetches campaigns that need a browser in browser mode', async () => {
    const urls = ['https://spa.example.com/app'];
    await campaign('spa', urls, { needsBrowser: true });
    const device = await registerTestDevice(t);
    await submit(device, await lease(device, 'spa'), () => false);
    expect(await round()).toMatchObject({ fetched: 1, confirmed: 1 });
    expect(fake.calls).toEqual([{ urls, mode: 'browser' }]);
  });
});
