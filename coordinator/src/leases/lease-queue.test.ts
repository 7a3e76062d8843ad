import { createDb, type Db } from '@plaza/db';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { createLogger } from '../observability/logger.ts';
import type { Claim } from './claim-ready-urls.ts';
import { expireLeases } from './expire-leases.ts';
import { handOutClaims } from './hand-out-claims.ts';
import { createLeaseQueue, type LeaseQueue, type LeaseQueueOptions } from './lease-queue.ts';

const HOSTS = 12;
const TTL_MS = 120_000;
const HOLD_MS = 5_000;

type UrlRow = { url: string; status: string; attempts: number; host: string };

describe('lease queue', () => {
  let t: TestApp;
  const extra: Db[] = [];
  afterEach(async () => {
    for (const db of extra.splice(0)) await db.close();
    await t.close();
  });

  /** A campaign of HOSTS hosts with two URLs each, robots.txt checked, and two devices. */
  async function setup() {
    t = await createTestApp({ env: { PLAZA_LEASE_QUEUE_SIZE: '0' } });
    const hosts = Array.from(
      { length: HOSTS },
      (_, i) => `h${String(i).padStart(2, '0')}.example.com`,
    );
    await seedCampaign(t, {
      id: 'wide',
      seeds: hosts.flatMap((h) => [`https://${h}/a`, `https://${h}/b`]),
      scope: { hosts: ['*.example.com'] },
    });
    await registerTestDevice(t);
    await registerTestDevice(t);
    const [a, b] = await t.db.rows<{ address: string }>(sql`select address from devices`);
    return { a: a!.address, b: b!.address };
  }

  /** A queue as another process would hold it: on PostgreSQL with its own connections. */
  async function processQueue(options: Partial<LeaseQueueOptions> = {}): Promise<LeaseQueue> {
    let db = t.db;
    if (t.db.url) {
      db = await createDb({ url: t.db.url, maxConnections: 2 });
      extra.push(db);
    }
    return createLeaseQueue(
      { db, clock: t.clock, logger: createLogger('silent') },
      { size: 4, holdMs: HOLD_MS, ttlMs: TTL_MS, writeBehind: false, ...options },
    );
  }

  const urls = async () =>
    t.db.rows<UrlRow>(sql`select url, status, attempts, host from frontier_urls order by url`);
  const liveJobs = async () =>
    t.db.rows<{ url: string; host: string; device_address: string }>(
      sql`select url, host, device_address from jobs
          where state = 'leased' and expires_at > ${t.clock.now().toISOString()}`,
    );

  it('lets two processes racing for one frontier lease disjoint hosts, never a URL twice', async () => {
    const devices = await setup();
    const qa = await processQueue();
    const qb = await processQueue();
    const handed: { url: string; device: string }[] = [];
    // Both processes refill and hand out at once, round after round, until the frontier has no
    // ready host left: whatever the interleaving, the database decides who holds a host.
    for (let round = 0; round < HOSTS; round++) {
      const [la, lb] = await Promise.all([
        qa.take({ device: devices.a, max: 2 }),
        qb.take({ device: devices.b, max: 2 }),
      ]);
      handed.push(...la.jobs.map((j) => ({ url: j.url, device: devices.a })));
      handed.push(...lb.jobs.map((j) => ({ url: j.url, device: devices.b })));
      if (la.jobs.length === 0 && lb.jobs.length === 0) break;
    }
    const hostsHanded = handed.map((h) => new URL(h.url).host);
    expect(new Set(hostsHanded).size).toBe(hostsHanded.length);
    expect(hostsHanded.length).toBe(HOSTS);
    expect(new Set(handed.map((h) => h.device))).toEqual(new Set([devices.a, devices.b]));
    // Every job answered is written, leased to the device it was answered to, one per host.
    const jobs = await liveJobs();
    expect(jobs.map((j) => `${j.url} ${j.device_address}`).sort()).toEqual(
      handed.map((h) => `${h.url} ${h.device}`).sort(),
    );
    const leased = (await urls()).filter((u) => u.status === 'leased');
    expect(leased.map((u) => u.url).sort()).toEqual(handed.map((h) => h.url).sort());
    expect(leased.every((u) => u.attempts === 1)).toBe(true);
    await qa.close();
    await qb.close();
  });

  it('loses nothing and leases nothing twice when a process dies with claims queued', async () => {
    const devices = await setup();
    const victim = await processQueue({ size: 8 });
    const first = await victim.take({ device: devices.a, max: 1 });
    expect(first.jobs).toHaveLength(1);
    expect(victim.queued()).toBe(7);
    // The victim dies here: its seven queued claims exist only in its memory and the database.
    const survivor = await processQueue({ size: 16 });
    const during = await survivor.take({ device: devices.b, max: 16 });
    const leasedNow = (await urls()).filter((u) => u.status === 'leased');
    expect(leasedNow).toHaveLength(8 + during.jobs.length);
    expect(during.jobs).toHaveLength(HOSTS - 8);
    const duringHosts = new Set(during.jobs.map((j) => new URL(j.url).host));
    expect(duringHosts.has(new URL(first.jobs[0]!.url).host)).toBe(false);
    // Claims and leases expire: the sweep returns the queued claims without counting an attempt,
    // and the handed-out job's URL with its attempt counted.
    t.clock.advance(HOLD_MS + TTL_MS);
    await expireLeases(t.deps);
    const after = await urls();
    expect(after.filter((u) => u.status === 'leased')).toEqual([]);
    expect(
      after
        .filter((u) => u.attempts > 0)
        .map((u) => u.url)
        .sort(),
    ).toEqual([first.jobs[0]!.url, ...during.jobs.map((j) => j.url)].sort());
    const again = await survivor.take({ device: devices.b, max: 16 });
    expect(again.jobs).toHaveLength(HOSTS);
    expect(new Set(again.jobs.map((j) => new URL(j.url).host)).size).toBe(HOSTS);
    // The victim's queued claims went to the survivor, each once.
    const secondRound = new Set(again.jobs.map((j) => j.url));
    const claimedByVictim = (await urls())
      .filter((u) => secondRound.has(u.url) && u.attempts === 1)
      .map((u) => u.url);
    expect(claimedByVictim).toHaveLength(7);
    expect((await liveJobs()).length).toBe(HOSTS);
    await survivor.close();
  });

  it('writes nothing for a claim the expiry sweep already returned', async () => {
    const devices = await setup();
    const q = await processQueue({ size: 2 });
    const taken = await q.take({ device: devices.a, max: 1 });
    expect(taken.jobs).toHaveLength(1);
    const [row] = await t.db.rows<{ id: number; host: string; url: string; campaign_id: string }>(
      sql`select id, host, url, campaign_id from frontier_urls
          where status = 'leased' and url <> ${taken.jobs[0]!.url}`,
    );
    t.clock.advance(HOLD_MS + TTL_MS);
    await expireLeases(t.deps);
    const stale: Claim = {
      urlId: Number(row!.id),
      campaignId: row!.campaign_id,
      url: row!.url,
      host: row!.host,
      extraction: 'article',
      claimedAt: 0,
      // Exactly the claim's expiry: the clock was moved to it.
      claimExpiresAt: t.clock.now().toISOString(),
      windowAt: t.clock.now().toISOString(),
    };
    const now = t.clock.now().toISOString();
    const written = await handOutClaims(t.db, [
      {
        claim: stale,
        jobId: 'late',
        leaseId: 'late',
        device: devices.a,
        createdAt: now,
        expiresAt: now,
      },
    ]);
    expect(written.size).toBe(0);
    expect(await t.db.rows(sql`select id from jobs where id = 'late'`)).toEqual([]);
    await q.close();
  });

  it('returns claims held past the hold, and on close, without counting an attempt', async () => {
    const devices = await setup();
    const q = await processQueue({ size: 6 });
    expect((await q.take({ device: devices.a, max: 1 })).jobs).toHaveLength(1);
    expect(q.queued()).toBe(5);
    t.clock.advance(HOLD_MS);
    // The five stale claims go back; the refill then claims the ready hosts again.
    const next = await q.take({ device: devices.a, max: 1 });
    expect(next.jobs).toHaveLength(1);
    await q.close();
    const rows = await urls();
    expect(rows.filter((u) => u.status === 'leased').length).toBe(2);
    expect(rows.filter((u) => u.attempts > 0).length).toBe(2);
    const ready = await t.db.rows<{ n: number }>(
      sql`select count(*)::int as n from hosts
          where has_queued and next_fetch_at <= ${t.clock.now().toISOString()}`,
    );
    expect(Number(ready[0]!.n)).toBe(HOSTS - 2);
  });

  it('answers before writing with write-behind, and settles before a submission reads', async () => {
    const devices = await setup();
    const q = await processQueue({ writeBehind: true });
    const taken = await q.take({ device: devices.a, max: 2 });
    expect(taken.jobs).toHaveLength(2);
    await q.settled();
    const jobs = await t.db.rows<{ id: string; expires_at: Date }>(
      sql`select id, expires_at from jobs order by id`,
    );
    expect(jobs.map((j) => j.id)).toEqual(taken.jobs.map((j) => j.jobId).sort());
    expect(jobs.every((j) => new Date(j.expires_at).getTime() === taken.expiresAt.getTime())).toBe(
      true,
    );
    await q.close();
  });
});
