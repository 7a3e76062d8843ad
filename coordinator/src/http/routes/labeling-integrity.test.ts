import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedItems, signInLabeler } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';
import { REPORT_BATCH } from '../../labeling/report-labels.ts';

type Labeler = Awaited<ReturnType<typeof signInLabeler>>;
type Task = { itemId: number; blind: boolean; prelabel: unknown };
const cls = (c: number) => ({ kind: 'classification', class: c });
const text = (n: number) =>
  `Item number ${n} says something worth a label about the news of the day.`;

/**
 * Attacks on labeling integrity (issue 15, item 5): a labeler probing for gold items and fixing
 * answers after the fact, blind-first undone by an edit, a reviewer settling their own items or
 * overwriting gold, a paused labeler submitting. Each test failed before its fix.
 */
describe('labeling integrity', () => {
  let t: TestApp;
  const reviewer = privateKeyToAccount(generatePrivateKey());
  beforeEach(async () => {
    t = await createTestApp({ env: { PLAZA_REVIEWER_ADDRESSES: reviewer.address } });
  });
  afterEach(() => t.close());

  const admin = (path: string, body: unknown = {}) =>
    t.app.request(path, { method: 'POST', headers: t.admin, body: JSON.stringify(body) });
  const addGold = (ids: readonly number[], value = cls(0)) =>
    admin('/v1/campaigns/news/gold', { items: ids.map((itemId) => ({ itemId, value })) });
  const leaseOne = async (labeler: Labeler): Promise<Task | undefined> => {
    const res = await labeler.lease('news', 1);
    expect(res.status).toBe(200);
    return ((await readBody(res)).tasks as Task[])[0];
  };
  /** Leases until the item comes (gold slots are drawn at random, at most half of them). */
  const leaseItem = async (labeler: Labeler, itemId: number): Promise<Task> => {
    for (let attempt = 0; attempt < 64; attempt++) {
      const task = await leaseOne(labeler);
      if (task?.itemId === itemId) return task;
    }
    throw new Error(`item ${itemId} was never leased`);
  };
  const me = async (labeler: Labeler) =>
    readBody(labeler.get('/v1/labeling/me?campaignId=news')) as Promise<{
      status: string;
      gold: { answered: number; correct: number };
      agreement: number | null;
      meanPosterior: number | null;
      pendingShare: number;
      report: { batch: number; nextIn: number };
    }>;
  const scored = (labeler: Labeler) =>
    t.db.rows<{ item_id: number; cls: number; gold_correct: boolean | null; posterior: number }>(
      sql`select item_id, (value->>'class')::int as cls, gold_correct, posterior from labels
          where labeler = ${labeler.address} order by created_at, id`,
    );

  it('reports gold only per batch: watching /v1/labeling/me after each answer finds no gold item', async () => {
    await seedCampaign(t, { goldFraction: 0.5, minGoldAnswers: 10, overlap: 1 });
    const ids = await seedItems(
      t,
      'news',
      Array.from({ length: 60 }, (_, n) => ({ text: text(n) })),
    );
    const gold = new Set(ids.slice(0, 30));
    expect((await addGold([...gold])).status).toBe(200);
    const prober = await signInLabeler(t);
    const before = await me(prober);
    let goldSeen = 0;
    for (let n = 1; n < REPORT_BATCH; n++) {
      const task = await leaseOne(prober);
      if (!task) throw new Error('no task');
      if (gold.has(task.itemId)) goldSeen++;
      // Wrong on gold, and posteriors recomputed after every answer: any change would say which.
      await prober.label(task.itemId, cls(1));
      await admin('/v1/campaigns/news/aggregate');
      const now = await me(prober);
      expect(now.gold).toEqual(before.gold);
      expect([now.agreement, now.meanPosterior, now.pendingShare, now.status]).toEqual([
        before.agreement,
        before.meanPosterior,
        before.pendingShare,
        'active',
      ]);
      expect(now.report.nextIn).toBe(REPORT_BATCH - n);
    }
    expect(goldSeen).toBeGreaterThan(0);
    const task = await leaseOne(prober);
    if (!task) throw new Error('no task');
    if (gold.has(task.itemId)) goldSeen++;
    await prober.label(task.itemId, cls(1));
    const reported = await me(prober);
    // The batch as a whole: how many gold answers, not which.
    expect(reported.gold).toMatchObject({ answered: goldSeen, correct: 0 });
    expect(reported.report.nextIn).toBe(REPORT_BATCH);
  });

  it('pauses at a report, never right after the gold answer that tipped the record', async () => {
    await seedCampaign(t, { goldFraction: 0.5, minGoldAnswers: 1, goldThreshold: 0.7 });
    const ids = await seedItems(
      t,
      'news',
      Array.from({ length: 60 }, (_, n) => ({ text: text(n) })),
    );
    expect((await addGold(ids.slice(0, 30))).status).toBe(200);
    const sloppy = await signInLabeler(t);
    for (let n = 0; n < REPORT_BATCH; n++) {
      const task = await leaseOne(sloppy);
      if (!task) throw new Error(`no task after ${n} labels`);
      const res = await readBody(sloppy.label(task.itemId, cls(2)));
      expect(res.results[0].status).toBe('stored');
    }
    const refused = await sloppy.lease('news', 1);
    expect(refused.status).toBe(403);
    expect((await readBody(refused)).error.code).toBe('LABELER_PAUSED');
  });

  it('scores the first answer on a gold item: an edit after the gold check changes nothing', async () => {
    await seedCampaign(t, { goldFraction: 0.5, minGoldAnswers: 1 });
    const ids = await seedItems(t, 'news', [{ text: text(1) }]);
    const [item] = ids as [number];
    expect((await addGold([item])).status).toBe(200);
    const cheat = await signInLabeler(t);
    await leaseItem(cheat, item);
    const clientId = crypto.randomUUID();
    await cheat.label(item, cls(1), { clientId });
    const edit = await readBody(cheat.label(item, cls(0), { clientId, revision: 1 }));
    expect(edit.results[0].status).toBe('updated');
    await admin('/v1/campaigns/news/aggregate');
    expect(await scored(cheat)).toEqual([
      { item_id: item, cls: 1, gold_correct: false, posterior: 0 },
    ]);
    const standing = await t.db.rows<{ gold_answered: number; gold_correct: number }>(
      sql`select gold_answered, gold_correct from labeler_campaigns where labeler = ${cheat.address}`,
    );
    expect(standing).toEqual([{ gold_answered: 1, gold_correct: 0 }]);
    // The edit is recorded, and the labeler sees it with the answer that counts.
    const recent = await readBody(cheat.get('/v1/labeling/recent?campaignId=news'));
    expect(recent.labels[0]).toMatchObject({ value: cls(0), firstValue: cls(1), revision: 1 });
  });

  it('keeps the blind-first answer: an edit after the reveal is recorded, not scored', async () => {
    await seedCampaign(t, { goldFraction: 0, blindFraction: 1, overlap: 1 });
    const [item] = (await seedItems(t, 'news', [{ text: text(1) }])) as [number];
    await admin('/v1/campaigns/news/prelabels', {
      items: [{ itemId: item, value: cls(2), confidence: 0.9, model: 'keywords-v1' }],
    });
    const labeler = await signInLabeler(t);
    const task = await leaseOne(labeler);
    expect(task).toMatchObject({ itemId: item, blind: true, prelabel: null });
    const clientId = crypto.randomUUID();
    const answer = await readBody(labeler.label(item, cls(0), { clientId }));
    expect(answer.results[0].prelabel).toMatchObject({ value: cls(2) });
    // Seen the pre-label: switch to it.
    await labeler.label(item, cls(2), { clientId, revision: 1 });
    await admin('/v1/campaigns/news/aggregate');
    const rows = await t.db.rows<{ cls: number; matches_prelabel: boolean; aggregate: number }>(
      sql`select (l.value->>'class')::int as cls, l.matches_prelabel,
            (a.value->>'class')::int as aggregate
          from labels l join label_aggregates a on a.item_id = l.item_id`,
    );
    expect(rows).toEqual([{ cls: 0, matches_prelabel: false, aggregate: 0 }]);
  });

  it('never lets a reviewer settle an item they labelled, nor list it for them', async () => {
    await seedCampaign(t, { goldFraction: 0, overlap: 2, reviewThreshold: 0.99 });
    const [item] = (await seedItems(t, 'news', [{ text: text(1) }])) as [number];
    const boss = await signInLabeler(t, reviewer);
    const other = await signInLabeler(t);
    for (const [labeler, answer] of [
      [boss, 1],
      [other, 2],
    ] as const) {
      expect((await leaseOne(labeler))?.itemId).toBe(item);
      await labeler.label(item, cls(answer));
    }
    await admin('/v1/campaigns/news/aggregate');
    expect((await readBody(boss.get('/v1/review/items?campaignId=news'))).items).toEqual([]);
    const res = await boss.post('/v1/review/resolve', { itemId: item, value: cls(1) });
    expect(res.status).toBe(403);
    expect((await readBody(res)).error.code).toBe('REVIEW_OWN_ITEM');
    const aggregate = await t.db.rows<{ method: string }>(
      sql`select method from label_aggregates where item_id = ${item}`,
    );
    expect(aggregate[0]?.method).not.toBe('review');
  });

  it('keeps gold answers the admin’s: a reviewer cannot overwrite them, a labeler cannot set them', async () => {
    await seedCampaign(t, { goldFraction: 0.5, overlap: 2, reviewThreshold: 0.99 });
    const [item] = (await seedItems(t, 'news', [{ text: text(1) }])) as [number];
    expect((await addGold([item], cls(0))).status).toBe(200);
    const labeler = await signInLabeler(t);
    await leaseItem(labeler, item);
    await labeler.label(item, cls(1));
    await admin('/v1/campaigns/news/aggregate');
    const boss = await signInLabeler(t, reviewer);
    const res = await boss.post('/v1/review/resolve', { itemId: item, value: cls(1) });
    expect(res.status).toBe(403);
    expect((await readBody(res)).error.code).toBe('GOLD_ADMIN_ONLY');
    for (const who of [boss, labeler]) {
      const set = await who.post('/v1/campaigns/news/gold', {
        items: [{ itemId: item, value: cls(1) }],
      });
      expect(set.status).toBe(401);
    }
    await admin('/v1/campaigns/news/aggregate');
    const rows = await t.db.rows<{ method: string; cls: number; gold: number }>(
      sql`select a.method, (a.value->>'class')::int as cls, (t.gold_value->>'class')::int as gold
          from label_aggregates a join label_tasks t on t.item_id = a.item_id`,
    );
    expect(rows).toEqual([{ method: 'gold', cls: 0, gold: 0 }]);
  });

  it('refuses labels and edits from a paused labeler with LABELER_PAUSED', async () => {
    await seedCampaign(t, { goldFraction: 0 });
    await seedItems(
      t,
      'news',
      [1, 2, 3].map((n) => ({ text: text(n) })),
    );
    const labeler = await signInLabeler(t);
    const tasks = (await readBody(labeler.lease('news', 3))).tasks as Task[];
    const [first, second] = tasks as [Task, Task];
    const clientId = crypto.randomUUID();
    expect(
      (await readBody(labeler.label(first.itemId, cls(0), { clientId }))).results[0].status,
    ).toBe('stored');
    // Paused (by the gold check or the operator) while still holding leases.
    await t.db.rows(
      sql`update labeler_campaigns set status = 'paused', paused_reason = 'Paused for the test.'
          where labeler = ${labeler.address}`,
    );
    for (const res of [
      await readBody(labeler.label(second.itemId, cls(0))),
      await readBody(labeler.label(first.itemId, cls(1), { clientId, revision: 1 })),
    ]) {
      expect(res.results[0]).toMatchObject({
        status: 'rejected',
        error: { code: 'LABELER_PAUSED', message: 'Paused for the test.' },
      });
    }
    const stored = await t.db.rows<{ item_id: number; cls: number; revision: number }>(
      sql`select item_id, (value->>'class')::int as cls, revision from labels`,
    );
    expect(stored).toEqual([{ item_id: first.itemId, cls: 0, revision: 0 }]);
  });

  it('serves gold tasks blind-first like any other, so the task does not give them away', async () => {
    await seedCampaign(t, { goldFraction: 0.5, blindFraction: 1 });
    const ids = await seedItems(
      t,
      'news',
      Array.from({ length: 10 }, (_, n) => ({ text: text(n) })),
    );
    expect((await addGold(ids.slice(0, 5))).status).toBe(200);
    const labeler = await signInLabeler(t);
    const gold = ids.slice(0, 5);
    const served = new Map<number, Task>();
    for (let attempt = 0; attempt < 64 && gold.some((id) => !served.has(id)); attempt++) {
      const res = await labeler.lease('news', 10, [...served.keys()]);
      for (const task of (await readBody(res)).tasks as Task[]) served.set(task.itemId, task);
    }
    expect(gold.every((id) => served.has(id))).toBe(true);
    expect([...served.values()].map((task) => task.blind)).toEqual(
      [...served.keys()].map(() => true),
    );
  });
});
