import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedItems } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';

/** Gives the first `n` items of the campaign an aggregated label. */
async function labelFirst(t: TestApp, n: number) {
  await t.db.rows(sql`
    insert into label_aggregates (item_id, campaign_id, value, confidence, agreement, method, labels_count, updated_at)
    select id, campaign_id, '{"kind":"classification","class":1}'::jsonb, 0.9, 1, 'majority', 3, now()
    from items where campaign_id = 'news' order by id limit ${n}
    on conflict (item_id) do nothing`);
}

describe('freezing safely', () => {
  let t: TestApp;
  let exportsDir: string;
  beforeEach(async () => {
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-safe-freeze-'));
    t = await createTestApp({
      env: { PLAZA_EXPORTS_DIR: exportsDir, PLAZA_FREEZE_MIN_LABELLED: '0.75' },
    });
    await seedCampaign(t, { qualityFloor: 0.5 });
    await seedItems(
      t,
      'news',
      Array.from({ length: 4 }, (_, i) => ({
        text: `Story number ${i} about the council.`,
        quality: 0.9,
      })),
    );
  });
  afterEach(() => t.close());

  const freeze = (body: object, accept = 'application/json') =>
    t.app.request('/v1/campaigns/news/versions', {
      method: 'POST',
      headers: { ...t.admin, accept },
      body: JSON.stringify({ datasetId: '7', ...body }),
    });
  const versions = async () =>
    (await readdir(join(exportsDir, 'news')).catch(() => [])).filter((d) => /^v\d+$/.test(d));

  it('refuses a half-labelled version unless forced, and writes nothing when it refuses', async () => {
    await labelFirst(t, 2);
    const refused = await freeze({});
    expect(refused.status).toBe(422);
    const { error } = await readBody(refused);
    expect(error.code).toBe('FREEZE_UNDERLABELLED');
    expect(error.message).toContain('Only 2 of 4 rows (50.0 %) have a label; freezing needs 75 %');
    expect(error.details).toMatchObject({ rows: 4, labelled: 2, minLabelled: 0.75 });
    expect(await versions()).toEqual([]);
    const forced = await freeze({ force: true });
    expect(forced.status).toBe(201);
    expect((await readBody(forced)).manifest.version).toBe(1);
    await labelFirst(t, 3);
    expect((await freeze({})).status).toBe(201);
    expect(await versions()).toEqual(['v1', 'v2']);
  });

  it('never freezes a version identical to the last, even forced', async () => {
    await labelFirst(t, 4);
    expect((await freeze({})).status).toBe(201);
    for (const body of [{}, { force: true }]) {
      const again = await freeze(body);
      expect(again.status).toBe(409);
      expect((await readBody(again)).error.code).toBe('VERSION_UNCHANGED');
    }
    expect(await versions()).toEqual(['v1']);
    await seedItems(t, 'news', [
      { text: 'A fifth story, new since the last version.', quality: 0.9 },
    ]);
    await labelFirst(t, 5);
    expect((await readBody(freeze({}))).manifest.version).toBe(2);
  });

  it('streams its progress as NDJSON, then the result or the error', async () => {
    await labelFirst(t, 4);
    const res = await freeze({}, 'application/x-ndjson');
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.slice(0, 3).map((l) => l.progress?.step)).toEqual([
      'loading rows',
      'computing shares',
      'writing files',
    ]);
    expect(lines[1].progress.rows).toBe(4);
    expect(lines.at(-1).result.manifest.version).toBe(1);
    const again = (await (await freeze({}, 'application/x-ndjson')).text()).trim().split('\n');
    expect(JSON.parse(again.at(-1) as string).error.code).toBe('VERSION_UNCHANGED');
  });
});
