import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { refreshHosts } from '../frontier/refresh-hosts.ts';
import { createLogger } from '../observability/logger.ts';
import { createLeaseQueue } from './lease-queue.ts';
import { createRefillDemand, DEMAND_WINDOW_MS, REFILL_HORIZON_MS } from './refill-demand.ts';

describe('refill demand', () => {
  it('sizes refills from the jobs leases asked for lately, within its bounds', () => {
    const demand = createRefillDemand({ min: 8, max: 100 });
    expect(demand.target(0)).toBe(8);
    // 50 leases of 4 jobs in one second: 200 jobs per window, 80 per horizon.
    for (let i = 0; i < 50; i++) demand.record(4, i * 20);
    expect(demand.target(1_000)).toBe(Math.ceil((200 / DEMAND_WINDOW_MS) * REFILL_HORIZON_MS));
    expect(demand.target(1_000)).toBe(80);
    // Twice the demand is capped by the queue's size.
    for (let i = 0; i < 50; i++) demand.record(4, 1_000 + i * 20);
    expect(demand.target(2_000)).toBe(100);
    // Leases older than the window no longer count: the first second's have gone.
    expect(demand.target(DEMAND_WINDOW_MS + 990)).toBe(80);
    // A quiet process falls back to the minimum.
    expect(demand.target(DEMAND_WINDOW_MS * 3)).toBe(8);
  });

  it('counts a lease at its own time, oldest first out', () => {
    const demand = createRefillDemand({ min: 1, max: 1_000 });
    demand.record(10, 0);
    demand.record(20, DEMAND_WINDOW_MS - 1);
    expect(demand.target(DEMAND_WINDOW_MS - 1)).toBe(Math.ceil((30 / 5) * 2));
    expect(demand.target(DEMAND_WINDOW_MS)).toBe(Math.ceil((20 / 5) * 2));
  });
});

describe('lease queue refills by demand', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('claims one refill of the minimum for a quiet device, not the whole queue size', async () => {
    t = await createTestApp({ env: { PLAZA_LEASE_QUEUE_SIZE: '0' } });
    const hosts = Array.from(
      { length: 80 },
      (_, i) => `q${String(i).padStart(2, '0')}.example.com`,
    );
    await seedCampaign(t, {
      id: 'quiet',
      seeds: hosts.map((h) => `https://${h}/a`),
      scope: { hosts: ['*.example.com'] },
    });
    // robots.txt of every host known (seedCampaign checks the first 16).
    await refreshHosts(t.deps, 100);
    await registerTestDevice(t);
    const [device] = await t.db.rows<{ address: string }>(sql`select address from devices`);
    const queue = createLeaseQueue(
      { db: t.db, clock: t.clock, logger: createLogger('silent') },
      { size: 64, holdMs: 5_000, ttlMs: 120_000, writeBehind: false },
    );
    const leased = async () =>
      Number(
        (
          await t.db.rows<{ n: number }>(
            sql`select count(*)::int as n from frontier_urls where status = 'leased'`,
          )
        )[0]!.n,
      );
    const first = await queue.take({ device: device!.address, max: 1 });
    expect(first.jobs).toHaveLength(1);
    // The first refill knows one lease of one job: it claims the minimum (32), not 64.
    expect(queue.queued()).toBe(31);
    expect(await leased()).toBe(32);
    // Leases asking 4 jobs each, 10 ms apart: 120 jobs asked for in 0.3 s, 48 per 2 s: the
    // refills grow past the minimum, and still hand out every host once.
    for (let i = 0; i < 30; i++) {
      t.clock.advance(10);
      await queue.take({ device: device!.address, max: 4 });
    }
    await queue.close();
    const rows = await t.db.rows<{ attempts: number }>(
      sql`select attempts from frontier_urls where attempts > 0`,
    );
    // Every one of the 80 hosts was handed out once (80 jobs), none twice.
    expect(rows).toHaveLength(80);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });
});
