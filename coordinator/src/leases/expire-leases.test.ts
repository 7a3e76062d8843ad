import { frontierUrls } from '@plaza/db';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedCampaign } from '#testing/seed.ts';
import { expireLeases, SWEEP_LIMIT } from './expire-leases.ts';

describe('expireLeases', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('returns every expired URL in one call, a short transaction per full batch', async () => {
    t = await createTestApp();
    const count = 2 * SWEEP_LIMIT + 500;
    const seeds = Array.from({ length: count }, (_, i) => `https://news.example.com/a-${i}`);
    await seedCampaign(t, { seeds, maxPages: count });
    // Every URL leased, and its lease run out a second ago.
    const expired = new Date(t.clock.now().getTime() - 1_000).toISOString();
    await t.deps.db.rows(
      sql`update frontier_urls set status = 'leased', lease_expires_at = ${expired}, attempts = 1`,
    );
    const result = await expireLeases(t.deps);
    expect(result).toEqual({ requeued: count, failed: 0, sweeps: 3 });
    const left = await t.deps.db.db
      .select({ id: frontierUrls.id })
      .from(frontierUrls)
      .where(eq(frontierUrls.status, 'leased'));
    expect(left).toEqual([]);
    // Nothing left: the next call sweeps once and finds nothing.
    expect(await expireLeases(t.deps)).toEqual({ requeued: 0, failed: 0, sweeps: 1 });
  });
});
