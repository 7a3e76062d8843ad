import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignFixture } from '#testing/campaign-fixture.ts';
import { createFuzzWorld, type FuzzWorld } from '#testing/fuzz/fuzz-world.ts';
import { findNul } from './find-nul.ts';

const cls = (c: number) => ({ kind: 'classification', class: c });

/**
 * The smallest requests the fuzzer (`fuzz.test.ts`, `bench/fuzz.bench.ts`) found answered with a
 * 500, each now refused with a coded 4xx, and nothing written.
 */
describe('requests the fuzzer found failing', () => {
  let w: FuzzWorld;
  beforeAll(async () => {
    w = await createFuzzWorld();
  }, 180_000);
  afterAll(() => w?.close());

  const post = (path: string, headers: Record<string, string>, body: unknown) =>
    w.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });

  it('gold answers that name one item twice are a validation error, and none is stored', async () => {
    const itemId = w.itemIds[5]!;
    const res = await post(`/v1/campaigns/${w.campaignId}/gold`, w.headers.admin, {
      items: [
        { itemId, value: cls(0) },
        { itemId, value: cls(0) },
      ],
    });
    expect(res.status).toBe(400);
    const body = await readBody(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toContain(`Item ${itemId} is given twice (items.0 and items.1)`);
    const rows = await w.t.db.rows<{ n: number }>(
      sql`select count(*)::int as n from label_tasks
          where item_id = ${itemId} and gold_value is not null`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('imported pre-labels that name one item twice are a validation error', async () => {
    const itemId = w.itemIds[6]!;
    const item = { itemId, value: cls(1), confidence: 0.5, model: 'm' };
    const res = await post(`/v1/campaigns/${w.campaignId}/prelabels`, w.headers.admin, {
      items: [item, item],
    });
    expect(res.status).toBe(400);
    expect((await readBody(res)).error.code).toBe('VALIDATION_FAILED');
  });

  it('freezing for dataset id 0 is a validation error, and writes no version', async () => {
    const res = await post(`/v1/campaigns/${w.campaignId}/versions`, w.headers.admin, {
      datasetId: '0',
    });
    expect(res.status).toBe(400);
    const body = await readBody(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toContain('datasetId');
    const versions = await w.app.request(`/v1/datasets/${w.campaignId}/versions/2/manifest`);
    expect(versions.status).toBe(404);
  });

  it('freezing for a dataset id that is not a number is a validation error (found by the bench)', async () => {
    for (const datasetId of ['http://', '1e3', '-1', '']) {
      const res = await post(`/v1/campaigns/${w.campaignId}/versions`, w.headers.admin, {
        datasetId,
      });
      expect(res.status, datasetId).toBe(400);
      expect((await readBody(res)).error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('a campaign whose name holds a NUL is a validation error, and is not stored', async () => {
    const res = await post('/v1/campaigns', w.headers.admin, {
      ...campaignFixture({ id: 'fz-full' }),
      name: 'News articles\u0000',
    });
    expect(res.status).toBe(400);
    const body = await readBody(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toBe('Invalid request: name: text must not contain NUL (U+0000).');
    expect((await w.app.request('/v1/campaigns/fz-full')).status).toBe(404);
  });

  it('a NUL anywhere in a body is found, in values and keys', () => {
    expect(findNul({ items: [{ text: 'ok' }, { text: 'a\u0000b' }] })).toBe('items.1.text');
    expect(findNul({ 'a\u0000': 1 })).toBe('a\u0000');
    expect(findNul('\u0000')).toBe('');
    expect(findNul({ items: [{ text: 'ok', n: 0 }], nested: [[null, true]] })).toBeNull();
  });

  it('chain events of a version past 32 bits are a validation error', async () => {
    const res = await w.app.request('/v1/chain/events?version=2147483648');
    expect(res.status).toBe(400);
    expect((await readBody(res)).error.code).toBe('VALIDATION_FAILED');
    const largest = await w.app.request('/v1/chain/events?version=2147483647');
    expect(largest.status).toBe(200);
  });
});
