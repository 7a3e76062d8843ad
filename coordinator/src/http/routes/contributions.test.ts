import { contributions, items, itemVariants, jobs } from '@plaza/db';
import { verifyReceiptBatch } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateArticle } from '#testing/articles.ts';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';

type Job = { jobId: string; url: string };

describe('/v1/contributions', () => {
  let t: TestApp;
  let device: Awaited<ReturnType<typeof registerTestDevice>>;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCampaign(t, {
      seeds: Array.from({ length: 6 }, (_, i) => `https://site${i}.example.com/page`),
      scope: { hosts: ['*.example.com'] },
    });
    device = await registerTestDevice(t);
  });
  afterEach(() => t.close());

  async function leaseAll(d = device): Promise<Job[]> {
    const body = await readBody(d.lease({ max: 16 }));
    return body.lease.jobs;
  }

  it('accepts a signed batch and answers receipts the coordinator signed', async () => {
    const [a, b] = await leaseAll();
    const batch = await device.batch([
      device.contribution(a!, {
        text: generateArticle(1),
        links: ['https://site0.example.com/next'],
      }),
      device.contribution(b!, { text: generateArticle(2) }),
    ]);
    const res = await device.submit(batch);
    expect(res.status).toBe(200);
    const body = await readBody(res);
    expect(body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    const receipts = body.results.map((r: { receipt: unknown }) => r.receipt);
    expect(receipts[0]).toMatchObject({
      jobId: a!.jobId,
      outcome: 'accepted',
      device: device.address,
    });
    expect(receipts[0].qualityScore).toBeGreaterThan(0.5);
    expect(
      await verifyReceiptBatch({
        chainId: t.deps.config.PLAZA_CHAIN_ID,
        receipts,
        batch: body.receiptBatch,
      }),
    ).toBe(true);
    expect(body.receiptBatch.coordinator).toBe(t.deps.signer.address.toLowerCase());
    const tampered = [{ ...receipts[0], outcome: 'duplicate' }, receipts[1]];
    expect(
      await verifyReceiptBatch({
        chainId: t.deps.config.PLAZA_CHAIN_ID,
        receipts: tampered,
        batch: body.receiptBatch,
      }),
    ).toBe(false);
    const stored = await t.deps.db.db.select().from(items);
    expect(stored).toHaveLength(2);
    const campaign = await readBody(t.app.request('/v1/campaigns/news'));
    expect(campaign.stats.frontier).toEqual({ leased: 4, done: 2, queued: 1 });
  });

  it('returns the same receipt for the same job and payload, 409 for other content', async () => {
    const [a] = await leaseAll();
    const item = device.contribution(a!, { text: generateArticle(3) });
    const first = await readBody(device.submit(await device.batch([item])));
    const again = await readBody(device.submit(await device.batch([item])));
    expect(again.results[0].receipt).toEqual(first.results[0].receipt);
    const other = await device.submit(
      await device.batch([device.contribution(a!, { text: generateArticle(4) })]),
    );
    expect(other.status).toBe(409);
    expect((await readBody(other)).error.code).toBe('CONTRIBUTION_CONFLICT');
    expect(await t.deps.db.db.select().from(contributions)).toHaveLength(1);
  });

  it('drops exact duplicates and joins near duplicates to the first-seen item', async () => {
    const jobsLeased = await leaseAll();
    const text = generateArticle(5);
    const near = text
      .split(' ')
      .map((word, i) => (i % 60 === 30 ? 'changed' : word))
      .join(' ');
    const body = await readBody(
      await device.submit(
        await device.batch([
          device.contribution(jobsLeased[0]!, { text }),
          device.contribution(jobsLeased[1]!, { text: text.toUpperCase().replace(/\./g, '!') }),
          device.contribution(jobsLeased[2]!, { text: near }),
          device.contribution(jobsLeased[3]!, { text: generateArticle(6) }),
        ]),
      ),
    );
    const outcomes = body.results.map((r: { receipt: { outcome: string } }) => r.receipt.outcome);
    expect(outcomes).toEqual(['accepted', 'duplicate', 'near_duplicate', 'accepted']);
    const firstItem = body.results[0].receipt.itemId;
    expect(body.results[1].receipt.itemId).toBe(firstItem);
    expect(body.results[2].receipt.itemId).toBe(firstItem);
    const rows = await t.deps.db.db.select().from(items);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => String(r.id) === firstItem)?.duplicateCount).toBe(2);
  });

  it('joins a chain of near duplicates (A ≈ B ≈ C, A ≉ C) to one item, across and within batches', async () => {
    const jobsLeased = await leaseAll();
    const rewrite = (text: string, from: number, seed: number) => {
      const words = text.split(' ');
      words.splice(from, 25, ...generateArticle(seed, 25).split(' ').slice(0, 25));
      return words.join(' ');
    };
    const chain = (seed: number) => {
      const a = generateArticle(seed, 400);
      const b = rewrite(a, 0, seed + 1);
      return [a, b, rewrite(b, 370, seed + 2)] as const;
    };
    const outcomesOf = (body: { results: { receipt: { outcome: string; itemId: string } }[] }) =>
      body.results.map((r) => [r.receipt.outcome, r.receipt.itemId]);
    const submit = async (texts: string[], from: number) =>
      readBody(
        await device.submit(
          await device.batch(
            texts.map((text, i) => device.contribution(jobsLeased[from + i]!, { text })),
          ),
        ),
      );

    // Across batches: C meets B only through B's stored variant.
    const [a, b, c] = chain(20);
    const first = await submit([a], 0);
    const item = first.results[0].receipt.itemId;
    expect(outcomesOf(await submit([b], 1))).toEqual([['near_duplicate', item]]);
    expect(outcomesOf(await submit([c], 2))).toEqual([['near_duplicate', item]]);

    // Within one batch.
    const inBatch = await submit([...chain(40)], 3);
    const other = inBatch.results[0].receipt.itemId;
    expect(outcomesOf(inBatch)).toEqual([
      ['accepted', other],
      ['near_duplicate', other],
      ['near_duplicate', other],
    ]);
    expect(await t.deps.db.db.select().from(items)).toHaveLength(2);
    const variants = await t.deps.db.db.select().from(itemVariants);
    expect(variants.map((v) => String(v.itemId)).sort()).toEqual([item, item, other, other].sort());
  });

  it('records low quality and failed fetches with their reason', async () => {
    const [a, b] = await leaseAll();
    const body = await readBody(
      await device.submit(
        await device.batch([
          device.contribution(a!, { text: 'buy now buy now buy now {click} lorem ipsum' }),
          device.contribution(b!, { text: '', httpStatus: 404 }),
        ]),
      ),
    );
    expect(body.results.map((r: { receipt: { outcome: string } }) => r.receipt.outcome)).toEqual([
      'low_quality',
      'fetch_failed',
    ]);
    const rows = await t.deps.db.db.select().from(contributions);
    expect(rows.map((r) => r.reason).sort()).toEqual(['BELOW_QUALITY_FLOOR', 'HTTP_404']);
  });

  it('refuses another device’s job, unknown jobs and expired leases, per item', async () => {
    const [a, b] = await leaseAll();
    const thief = await registerTestDevice(t);
    const stolen = await thief.submit(
      await thief.batch([thief.contribution(a!, { text: generateArticle(7) })]),
    );
    expect(stolen.status).toBe(403);
    expect((await readBody(stolen)).error.code).toBe('LEASE_NOT_OWNED');
    const unknown = await device.submit(
      await device.batch([
        device.contribution({ jobId: 'no-such-job', url: a!.url }, { text: 'x' }),
      ]),
    );
    expect(unknown.status).toBe(404);
    const mixed = await readBody(
      await device.submit(
        await device.batch([
          device.contribution(b!, { text: generateArticle(8) }),
          device.contribution({ jobId: 'no-such-job', url: a!.url }, { text: 'x' }),
        ]),
      ),
    );
    expect(mixed.results[0].ok).toBe(true);
    expect(mixed.results[1]).toMatchObject({ ok: false, error: { code: 'LEASE_NOT_FOUND' } });
    t.clock.advance(121_000);
    const late = await device.submit(
      await device.batch([device.contribution(a!, { text: generateArticle(9) })]),
    );
    expect(late.status).toBe(410);
    expect((await readBody(late)).error.code).toBe('LEASE_EXPIRED');
  });

  it('refuses bad signatures and content that does not match its hashes, writing nothing', async () => {
    const [a] = await leaseAll();
    const batch = await device.batch([device.contribution(a!, { text: generateArticle(10) })]);
    const other = await registerTestDevice(t);
    const forged = await other.batch(batch.items);
    const res = await device.submit({ ...batch, signature: forged.signature });
    expect(res.status).toBe(401);
    expect((await readBody(res)).error.code).toBe('SIGNATURE_INVALID');
    const swapped = { ...batch, items: [{ ...batch.items[0]!, text: 'something else' }] };
    const mismatch = await device.submit(swapped);
    expect(mismatch.status).toBe(400);
    expect((await readBody(mismatch)).error.details).toMatchObject({ index: 0, field: 'textHash' });
    const foreign = await device.submit({ ...batch, device: other.address });
    expect(foreign.status).toBe(403);
    expect(await t.deps.db.db.select().from(contributions)).toEqual([]);
    const [job] = await t.deps.db.db.select().from(jobs);
    expect(job?.state).toBe('leased');
  });

  it('answers 413 for oversized bodies and 400 for oversized fields', async () => {
    const [a] = await leaseAll();
    const huge = 'x'.repeat(9 * 1024 * 1024);
    const res = await device.submit({
      device: device.address,
      signature: '0x',
      items: [{ text: huge }],
    });
    expect(res.status).toBe(413);
    expect((await readBody(res)).error.code).toBe('BODY_TOO_LARGE');
    const long = await device.submit(
      await device.batch([device.contribution(a!, { text: 'y'.repeat(200_001) })]),
    );
    expect(long.status).toBe(400);
  });
});
