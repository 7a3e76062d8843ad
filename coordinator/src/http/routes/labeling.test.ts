import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedItems, signInLabeler } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';
import { loadCampaign } from '../../labeling/load-campaign.ts';
import { measureLabeler } from '../../labeling/measure-labeler.ts';
import { REPORT_BATCH } from '../../labeling/report-labels.ts';

type Labeler = Awaited<ReturnType<typeof signInLabeler>>;
const cls = (c: number) => ({ kind: 'classification', class: c });
const text = (n: number) =>
  `Item number ${n} says something worth a label about the news of the day.`;

describe('/v1/labeling', () => {
  let t: TestApp;
  const reviewer = privateKeyToAccount(generatePrivateKey());
  beforeEach(async () => {
    t = await createTestApp({ env: { PLAZA_REVIEWER_ADDRESSES: reviewer.address } });
  });
  afterEach(() => t.close());

  const tasksOf = async (labeler: Labeler, max = 3, holding: number[] = []) => {
    const res = await labeler.lease('news', max, holding);
    expect(res.status).toBe(200);
    return (await readBody(res)).tasks as Array<{
      itemId: number;
      blind: boolean;
      prelabel: unknown;
      text: string;
    }>;
  };

  it('needs a session', async () => {
    const res = await t.app.request('/v1/labeling/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ campaignId: 'news' }),
    });
    expect(res.status).toBe(401);
    expect((await readBody(res)).error.code).toBe('SESSION_INVALID');
  });

  it('gives each item to at most `overlap` labelers and never twice to one', async () => {
    await seedCampaign(t, { overlap: 2, goldFraction: 0 });
    const ids = await seedItems(t, 'news', [
      { text: text(1) },
      { text: text(2) },
      { text: text(3), quality: 0.1 },
    ]);
    const [a, b, c] = await Promise.all([signInLabeler(t), signInLabeler(t), signInLabeler(t)]);
    if (!a || !b || !c) throw new Error('sign-in');
    const first = await tasksOf(a);
    // The low-quality item is not a task.
    expect(first.map((task) => task.itemId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(first[0]?.text).toMatch(/Item number/);
    expect((await tasksOf(b)).map((task) => task.itemId).sort()).toEqual(
      first.map((x) => x.itemId).sort(),
    );
    // Both items are out to two labelers: the third gets nothing.
    expect(await tasksOf(c)).toEqual([]);
    // a labels both; a asks again and gets nothing new (never the same item twice).
    for (const task of first) {
      const res = await readBody(a.label(task.itemId, cls(0)));
      expect(res.results[0].status).toBe('stored');
    }
    expect(await tasksOf(a)).toEqual([]);
    // b's leases expire: c gets them.
    t.clock.advance(31 * 60_000);
    expect((await tasksOf(c)).length).toBe(2);
  });

  it('hands open leases back after a reload, except those the app holds', async () => {
    await seedCampaign(t, { goldFraction: 0 });
    await seedItems(
      t,
      'news',
      [1, 2, 3, 4].map((n) => ({ text: text(n) })),
    );
    const a = await signInLabeler(t);
    const first = await tasksOf(a, 2);
    expect(first.length).toBe(2);
    // A reload: the app holds nothing, and gets the same two back.
    const again = await tasksOf(a, 2);
    expect(again.map((x) => x.itemId)).toEqual(first.map((x) => x.itemId));
    // Prefetch: the app holds these two and asks for more.
    const more = await tasksOf(
      a,
      2,
      first.map((x) => x.itemId),
    );
    expect(more.length).toBe(2);
    expect(more.some((x) => first.some((y) => y.itemId === x.itemId))).toBe(false);
  });

  it('stores a label once, treats retries as no-ops and edits the last 10 only', async () => {
    await seedCampaign(t, { goldFraction: 0 });
    await seedItems(
      t,
      'news',
      Array.from({ length: 12 }, (_, n) => ({ text: text(n) })),
    );
    const a = await signInLabeler(t);
    const labelled: Array<{ itemId: number; clientId: string }> = [];
    for (let round = 0; round < 4; round++) {
      for (const task of await tasksOf(a, 3)) {
        const clientId = crypto.randomUUID();
        const res = await readBody(a.label(task.itemId, cls(1), { clientId }));
        expect(res.results[0].status).toBe('stored');
        labelled.push({ itemId: task.itemId, clientId });
        t.clock.advance(1000);
      }
    }
    expect(labelled.length).toBe(12);
    const last = labelled[11];
    const oldest = labelled[0];
    if (!last || !oldest) throw new Error('labels');
    // A retry of the same revision changes nothing.
    const retry = await readBody(a.label(last.itemId, cls(1), { clientId: last.clientId }));
    expect(retry.results[0].status).toBe('unchanged');
    // An edit of a recent label.
    const edit = await readBody(
      a.label(last.itemId, cls(2), { clientId: last.clientId, revision: 1 }),
    );
    expect(edit.results[0].status).toBe('updated');
    // The oldest of 12 is no longer editable.
    const late = await readBody(
      a.label(oldest.itemId, cls(2), { clientId: oldest.clientId, revision: 1 }),
    );
    expect(late.results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'LABEL_NOT_EDITABLE' },
    });
    const stored = await t.db.rows<{ n: number; edited: number }>(
      sql`select count(*)::int as n,
            count(*) filter (where (edited_value->>'class')::int = 2)::int as edited
          from labels`,
    );
    expect(stored[0]).toEqual({ n: 12, edited: 1 });
    const recent = await readBody(a.get('/v1/labeling/recent?campaignId=news'));
    expect(recent.labels.length).toBe(10);
    expect(recent.labels[0]).toMatchObject({
      itemId: last.itemId,
      revision: 1,
      value: cls(2),
      firstValue: cls(1),
    });
  });

  it('rejects labels that do not fit the schema or were never leased', async () => {
    await seedCampaign(t, { goldFraction: 0 });
    const [id] = await seedItems(t, 'news', [{ text: text(1) }]);
    const a = await signInLabeler(t);
    const unknown = await readBody(a.label(id as number, cls(0)));
    expect(unknown.results[0].error.code).toBe('ITEM_NOT_FOUND');
    await tasksOf(await signInLabeler(t));
    const notLeased = await readBody(a.label(id as number, cls(0)));
    expect(notLeased.results[0].error.code).toBe('TASK_NOT_LEASED');
    await tasksOf(a);
    const badClass = await readBody(a.label(id as number, cls(7)));
    expect(badClass.results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'LABEL_INVALID' },
    });
    const badKind = await readBody(a.label(id as number, { kind: 'multi-label', classes: [0] }));
    expect(badKind.results[0].error.code).toBe('LABEL_INVALID');
    const malformed = await a.post('/v1/labeling/labels', { labels: [{ itemId: id }] });
    expect(malformed.status).toBe(400);
    const count = await t.db.rows<{ n: number }>(sql`select count(*)::int as n from labels`);
    expect(count[0]?.n).toBe(0);
  });

  it('withholds the pre-label of blind-first tasks until the answer', async () => {
    await seedCampaign(t, { goldFraction: 0, blindFraction: 0.5 });
    const ids = await seedItems(
      t,
      'news',
      Array.from({ length: 20 }, (_, n) => ({ text: text(n) })),
    );
    const imported = await t.app.request('/v1/campaigns/news/prelabels', {
      method: 'POST',
      headers: t.admin,
      body: JSON.stringify({
        items: ids.map((itemId) => ({
          itemId,
          value: cls(2),
          confidence: 0.8,
          model: 'keywords-v1',
        })),
      }),
    });
    expect(await readBody(imported)).toEqual({ count: 20 });
    const a = await signInLabeler(t);
    const tasks = await tasksOf(a, 10);
    const blind = tasks.filter((task) => task.blind);
    const open = tasks.filter((task) => !task.blind);
    expect(blind.length).toBeGreaterThan(0);
    expect(open.length).toBeGreaterThan(0);
    for (const task of blind) expect(task.prelabel).toBeNull();
    for (const task of open) {
      expect(task.prelabel).toMatchObject({
        value: cls(2),
        confidence: expect.closeTo(0.8, 5),
        source: { kind: 'import', model: 'keywords-v1' },
      });
    }
    const answer = await readBody(a.label((blind[0] as { itemId: number }).itemId, cls(2)));
    expect(answer.results[0].prelabel).toMatchObject({ value: cls(2) });
    const matches = await t.db.rows<{ matches_prelabel: boolean; blind: boolean }>(
      sql`select matches_prelabel, blind from labels`,
    );
    expect(matches).toEqual([{ matches_prelabel: true, blind: true }]);
  });

  it('pauses a labeler whose gold accuracy falls under the threshold at a report, and says why', async () => {
    await seedCampaign(t, { goldFraction: 0.5, minGoldAnswers: 5, goldThreshold: 0.7 });
    const ids = await seedItems(
      t,
      'news',
      Array.from({ length: 100 }, (_, n) => ({ text: text(n) })),
    );
    const gold = ids.slice(0, 30);
    const added = await t.app.request('/v1/campaigns/news/gold', {
      method: 'POST',
      headers: t.admin,
      body: JSON.stringify({ items: gold.map((itemId) => ({ itemId, value: cls(0) })) }),
    });
    expect(await readBody(added)).toEqual({ count: 30 });
    const a = await signInLabeler(t);
    let goldAnswers = 0;
    let right = 0;
    let ordinary = 0;
    // A slot is gold by a random draw (a labeler must not be able to tell), so label whole report
    // batches until one report has enough gold answers to judge and some ordinary labels.
    for (let batch = 0; batch < 3 && (goldAnswers < 5 || ordinary === 0); batch++) {
      for (let n = 0; n < REPORT_BATCH; n++) {
        const [task] = (await readBody(a.lease('news', 1))).tasks;
        const isGold = gold.includes(task.itemId);
        // Right on every third gold item only.
        const correct = isGold && goldAnswers % 3 === 0;
        await a.label(task.itemId, cls(correct || !isGold ? 0 : 1));
        if (isGold) goldAnswers++;
        else ordinary++;
        if (correct) right++;
      }
    }
    expect(goldAnswers).toBeGreaterThanOrEqual(5);
    expect(ordinary).toBeGreaterThan(0);
    const refused = await a.lease('news', 3);
    expect(refused.status).toBe(403);
    const { error } = await readBody(refused);
    expect(error.code).toBe('LABELER_PAUSED');
    expect(error.message).toContain(`${right} of ${goldAnswers}`);
    expect(error.message).toMatch(/under this campaign's 70 % threshold/);
    const me = await readBody(a.get('/v1/labeling/me?campaignId=news'));
    expect(me).toMatchObject({ status: 'paused', gold: { answered: goldAnswers, correct: right } });
    expect(me.gold.estimate).toBeCloseTo(right / goldAnswers, 5);
    expect(me.gold.low).toBeLessThan(me.gold.estimate);
    expect(me.gold.high).toBeGreaterThan(me.gold.estimate);
    expect(me.pausedReason.code).toBe('LABELER_PAUSED');
    // Their ordinary labels no longer fill overlap slots.
    const counts = await t.db.rows<{ n: number }>(
      sql`select coalesce(sum(labels_count), 0)::int as n from label_tasks where gold_value is null`,
    );
    expect(counts[0]?.n).toBe(0);
  });

  it('aggregates, scores each label, lists doubtful items for review and lets a reviewer settle them', async () => {
    await seedCampaign(t, { goldFraction: 0, overlap: 3, reviewThreshold: 0.9 });
    const ids = await seedItems(
      t,
      'news',
      Array.from({ length: 6 }, (_, n) => ({ text: text(n) })),
    );
    const labelers = await Promise.all([signInLabeler(t), signInLabeler(t), signInLabeler(t)]);
    // Items 0-4: everyone says 1. Item 5: 1, 1, 2.
    for (const [index, labeler] of labelers.entries()) {
      for (let round = 0; round < 3; round++) {
        for (const task of await tasksOf(labeler, 3)) {
          const answer = task.itemId === ids[5] && index === 2 ? 2 : 1;
          await labeler.label(task.itemId, cls(answer));
        }
      }
    }
    const labelCount = await t.db.rows<{ n: number }>(sql`select count(*)::int as n from labels`);
    expect(labelCount[0]?.n).toBe(18);
    const run = await t.app.request('/v1/campaigns/news/aggregate', {
      method: 'POST',
      headers: t.admin,
      body: '{}',
    });
    expect(await readBody(run)).toEqual({ count: 18 });
    const aggregates = await t.db.rows<{ item_id: number; value: unknown; agreement: number }>(
      sql`select item_id, value, agreement from label_aggregates order by item_id`,
    );
    expect(aggregates.map((a) => a.value)).toEqual(ids.map(() => cls(1)));
    expect(Number(aggregates[5]?.agreement)).toBeCloseTo(1 / 3, 5);
    const posteriors = await t.db.rows<{ labeler: string; posterior: number }>(
      sql`select labeler, posterior from labels where item_id = ${ids[5]} order by posterior`,
    );
    expect(posteriors[0]?.labeler).toBe(labelers[2]?.address);
    expect(Number(posteriors[0]?.posterior)).toBeLessThan(0.5);
    expect(Number(posteriors[2]?.posterior)).toBeGreaterThan(0.5);

    const dash = await readBody(
      t.app.request('/v1/campaigns/news/dashboard', { headers: t.admin }),
    );
    expect((await t.app.request('/v1/campaigns/news/dashboard')).status).toBe(401);
    expect(dash.labeling).toMatchObject({ tasks: 6, complete: 6, labels: 18, labelers: 3 });
    expect(dash.labeling.alpha).toBeGreaterThan(-1);
    expect(dash.labeling.alpha).toBeLessThan(1);
    expect(dash.qualityHistogram[18]).toBe(6);
    expect(dash.fetchedPerMinute).toHaveLength(60);

    // Review: a labeler may not; a reviewer sees item 5 and settles it.
    expect((await labelers[0]?.get('/v1/review/items?campaignId=news'))?.status).toBe(403);
    const boss = await signInLabeler(t, reviewer);
    const review = await readBody(boss.get('/v1/review/items?campaignId=news'));
    expect(review.items.map((item: { itemId: number }) => item.itemId)).toEqual([ids[5]]);
    expect(review.items[0].labels).toHaveLength(3);
    // The operator's admin key reviews too (the web app's admin-key sessions); a wrong key does not.
    const asOperator = await readBody(
      t.app.request('/v1/review/items?campaignId=news', { headers: t.admin }),
    );
    expect(asOperator.items.map((item: { itemId: number }) => item.itemId)).toEqual([ids[5]]);
    const forged = await t.app.request('/v1/review/items?campaignId=news', {
      headers: { authorization: `Bearer ${'x'.repeat(t.deps.adminKey.length)}` },
    });
    expect(forged.status).toBe(401);
    const resolved = await boss.post('/v1/review/resolve', { itemId: ids[5], value: cls(2) });
    expect(await readBody(resolved)).toEqual({ count: 1 });
    await t.app.request('/v1/campaigns/news/aggregate', {
      method: 'POST',
      headers: t.admin,
      body: '{}',
    });
    const settled = await t.db.rows<{ method: string; value: unknown }>(
      sql`select method, value from label_aggregates where item_id = ${ids[5]}`,
    );
    expect(settled[0]).toEqual({ method: 'review', value: cls(2) });
    const rescored = await t.db.rows<{ labeler: string; posterior: number }>(
      sql`select labeler, posterior from labels where item_id = ${ids[5]} and posterior = 1`,
    );
    expect(rescored.map((row) => row.labeler)).toEqual([labelers[2]?.address]);
    expect((await readBody(boss.get('/v1/review/items?campaignId=news'))).items).toEqual([]);
    const me = await readBody(
      labelers[2]?.get('/v1/labeling/me?campaignId=news') as Promise<Response>,
    );
    expect(me.labelsTotal).toBe(6);
    // Quality figures are shown as of the labeler's next report, which measures them so:
    expect(me).toMatchObject({ pendingShare: 0, report: { nextIn: REPORT_BATCH - 6 } });
    const campaign = await loadCampaign(t.db.db, 'news');
    const measured = await measureLabeler(t.deps, t.db.db, {
      campaignId: 'news',
      labeler: labelers[2]?.address ?? '',
      spec: campaign.spec,
    });
    expect(measured.pendingShare).toBeGreaterThan(0);
    // The review settled item 5 as this labeler had it: every label agrees.
    expect(measured.agreement).toBe(1);
  });
});
