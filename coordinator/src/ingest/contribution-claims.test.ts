import { contributions, items } from '@plaza/db';
import { readBody } from '@plaza/test-kit/http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticle } from '#testing/articles.ts';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';

type Job = { jobId: string; url: string };

/**
 * What a device claims about a page beyond its content hashes: its title, when it fetched it and
 * where the fetch ended. Each claim is either covered by the device's signature or checked, and a
 * claim that cannot be stored is a coded 400, never a 500.
 */
describe('claims of a contribution (issue 15)', () => {
  let t: TestApp;
  let device: Awaited<ReturnType<typeof registerTestDevice>>;
  let jobs: Job[];
  beforeAll(async () => {
    t = await createTestApp();
    await seedCampaign(t, {
      seeds: Array.from({ length: 12 }, (_, i) => `https://site${i}.example.com/page`),
      scope: { hosts: ['*.example.com'] },
    });
    device = await registerTestDevice(t);
    jobs = (await readBody(device.lease({ max: 16 }))).lease.jobs;
  }, 180_000);
  afterAll(() => t?.close());

  const next = () => jobs.shift()!;
  const countContributions = async () => (await t.deps.db.db.select().from(contributions)).length;

  it('refuses a batch whose title was changed after the device signed it', async () => {
    const job = next();
    const signed = await device.batch([
      device.contribution(job, { text: generateArticle(1), title: 'What the page says' }),
    ]);
    const tampered = { ...signed, items: [{ ...signed.items[0]!, title: 'Buy cheap pills' }] };
    const before = await countContributions();
    const res = await device.submit(tampered);
    expect(res.status).toBe(401);
    expect((await readBody(res)).error.code).toBe('SIGNATURE_INVALID');
    expect(await countContributions()).toBe(before);
    const honest = await readBody(device.submit(signed));
    expect(honest.results[0].ok).toBe(true);
    const [row] = await t.deps.db.db
      .select()
      .from(items)
      .where(eq(items.id, Number(honest.results[0].receipt.itemId)));
    expect(row?.title).toBe('What the page says');
  });

  it('answers a fetchedAt the database cannot store with a coded 400, not a retryable 500', async () => {
    const job = next();
    for (const fetchedAt of [2 ** 40, 253_402_300_800]) {
      const res = await device.submit(
        await device.batch([device.contribution(job, { text: generateArticle(2), fetchedAt })]),
      );
      expect(res.status, String(fetchedAt)).toBe(400);
      const body = await readBody(res);
      expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false });
      expect(body.error.message).toContain('fetchedAt');
    }
    const latest = await device.submit(
      await device.batch([
        device.contribution(job, { text: generateArticle(2), fetchedAt: 253_402_300_799 }),
      ]),
    );
    expect(latest.status).toBe(200);
  });

  it('checks the claimed final URL against the campaign scope and the egress policy', async () => {
    const claims = [
      { finalUrl: 'https://elsewhere.org/page', code: 'URL_OUT_OF_SCOPE' },
      { finalUrl: 'http://169.254.169.254/latest/meta-data', code: 'URL_FORBIDDEN' },
      { finalUrl: 'https://intranet.example.com:8443/', code: 'URL_FORBIDDEN' },
      { finalUrl: 'http://10.0.0.1.nip.io/', code: 'URL_FORBIDDEN' },
    ];
    const claimed = claims.map(({ finalUrl }, i) =>
      device.contribution(next(), { text: generateArticle(10 + i), finalUrl }),
    );
    const inScope = device.contribution(next(), {
      text: generateArticle(20),
      finalUrl: 'https://www.site9.example.com/moved',
    });
    const before = await countContributions();
    const body = await readBody(device.submit(await device.batch([...claimed, inScope])));
    expect(
      body.results.slice(0, claims.length).map((r: { error?: { code: string } }) => r.error?.code),
    ).toEqual(claims.map((c) => c.code));
    expect(body.results[claims.length].ok).toBe(true);
    expect(await countContributions()).toBe(before + 1);
    const stored = await t.deps.db.db.select({ url: items.url }).from(items);
    expect(stored.map((s) => s.url)).toContain('https://www.site9.example.com/moved');
    expect(stored.map((s) => s.url)).not.toContain('https://elsewhere.org/page');
  });
});
