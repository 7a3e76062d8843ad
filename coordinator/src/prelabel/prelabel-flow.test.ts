import { createHash } from 'node:crypto';
import { hashText, routes } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { signInLabeler } from '#testing/labeling.ts';
import { registerPrelabelDevice, seedPrelabelCampaign } from '#testing/prelabel-fixture.ts';

/** Everything recomputed unless a test says otherwise. */
const strict = { PLAZA_PRELABEL_CHECK_ALL_BELOW: '1' };

async function trained(t: TestApp, campaignId: string) {
  const res = await t.app.request(routes.campaignModel(campaignId), {
    method: 'POST',
    headers: t.admin,
    body: '{}',
  });
  expect(res.status).toBe(200);
  return readBody(res);
}

// Training runs tfjs for seconds; a busy 2-core machine may take far longer than the default.
describe('pre-labeling: models, leases, verification', { timeout: 120_000 }, () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('trains a model that beats the baseline, publishes it content-addressed, serves it immutable', async () => {
    t = await createTestApp({ env: strict });
    await seedPrelabelCampaign(t);
    const first = await trained(t, 'topics');
    expect(first.outcome).toBe('published');
    expect(first.metrics.accuracy).toBeGreaterThan(first.metrics.baselineAccuracy);
    expect(first.metrics.macroF1).toBeGreaterThan(first.metrics.baselineMacroF1);
    expect(first.metrics.holdoutCount).toBeGreaterThan(10);
    // The same labels again: the same version.
    const again = await trained(t, 'topics');
    expect(again).toMatchObject({ outcome: 'unchanged', hash: first.hash });

    const modelJson = await t.app.request(routes.modelJson(first.hash));
    const weights = await t.app.request(routes.modelWeights(first.hash));
    expect(modelJson.status).toBe(200);
    expect(modelJson.headers.get('cache-control')).toContain('immutable');
    expect(weights.headers.get('content-type')).toBe('application/octet-stream');
    const digest = createHash('sha256')
      .update(await modelJson.text(), 'utf8')
      .update(new Uint8Array(await weights.arrayBuffer()))
      .digest('hex');
    expect(`0x${digest}`).toBe(first.hash);
    expect((await t.app.request(routes.modelJson(`0x${'0'.repeat(64)}`))).status).toBe(404);

    const status = await readBody(t.app.request(routes.campaignModel('topics')));
    expect(status.model).toMatchObject({
      hash: first.hash,
      classes: ['sport', 'business', 'politics'],
    });
    expect(status.lastRun.outcome).toBe('unchanged');
  });

  it('waits for enough labels and says so; multi-label campaigns are unsupported', async () => {
    t = await createTestApp({ env: strict });
    await seedPrelabelCampaign(t, { items: 60, labeled: 30 });
    expect(await trained(t, 'topics')).toMatchObject({ outcome: 'too_few_labels', hash: null });
    await seedPrelabelCampaign(t, { id: 'tags', items: 5, labeled: 0 });
    await t.db.rows(
      sql`update campaigns set spec = jsonb_set(spec, '{labelSchema,kind}', '"multi-label"')
          where id = 'tags'`,
    );
    expect((await trained(t, 'tags')).outcome).toBe('unsupported');
    const device = await registerPrelabelDevice(t);
    const lease = await readBody(device.leasePrelabels());
    expect(lease.lease).toBeNull();
  });

  it('an honest device pre-labels open items; labelers see the model version and backend', async () => {
    t = await createTestApp({ env: strict });
    const { ids } = await seedPrelabelCampaign(t);
    const { hash } = await trained(t, 'topics');
    const device = await registerPrelabelDevice(t);
    const { lease } = await readBody(device.leasePrelabels({ max: 50 }));
    expect(lease.model.hash).toBe(hash);
    expect(lease.items).toHaveLength(50);
    const open = new Set(ids.slice(120));
    for (const item of lease.items) {
      expect(open.has(item.itemId)).toBe(true);
      expect(item.inputHash).toBe(hashText(item.input));
    }
    const predictions = await device.run(lease);
    const res = await device.submitPrelabels(lease, predictions, 'webgpu');
    const answer = await readBody(res);
    expect(res.status).toBe(200);
    expect(answer).toMatchObject({ status: 'accepted', accepted: 50, checked: 50 });
    expect(answer.maxDiff).toBeLessThan(1e-5);
    // The same signed batch again: the same answer.
    expect((await readBody(device.submitPrelabels(lease, predictions, 'webgpu'))).batchId).toBe(
      answer.batchId,
    );

    const stored = await t.db.rows<{ source: unknown; n: number }>(
      sql`select source, count(*)::int as n from prelabels group by source`,
    );
    expect(stored).toEqual([{ source: { kind: 'model', model: hash, backend: 'webgpu' }, n: 50 }]);
    const credited = await t.db.rows<{ device_address: string; n: number }>(
      sql`select device_address, count(*)::int as n from prelabel_predictions
          where revoked_at is null group by 1`,
    );
    expect(credited).toEqual([{ device_address: device.address, n: 50 }]);
    const [record] = await t.db.rows<{ confirmed_checks: number; failed_checks: number }>(
      sql`select confirmed_checks, failed_checks from devices where address = ${device.address}`,
    );
    expect(record).toEqual({ confirmed_checks: 1, failed_checks: 0 });

    // The next lease hands out the other open items only.
    const next = (await readBody(device.leasePrelabels({ max: 256 }))).lease;
    expect(next.items).toHaveLength(30);
    const done = new Set(lease.items.map((i: { itemId: number }) => i.itemId));
    for (const item of next.items) expect(done.has(item.itemId)).toBe(false);

    // A labeler sees the model's pre-label with its version and backend.
    const labeler = await signInLabeler(t);
    const tasks = await readBody(labeler.lease('topics', 3));
    const shown = tasks.tasks.filter((task: { itemId: number }) => done.has(task.itemId));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0].prelabel.source).toEqual({ kind: 'model', model: hash, backend: 'webgpu' });
    expect(shown[0].prelabel.confidence).toBeGreaterThan(0.3);
  });

  it('catches a device that submits wrong predictions: it earns nothing and loses reputation', async () => {
    t = await createTestApp({ env: strict });
    const { ids } = await seedPrelabelCampaign(t);
    await trained(t, 'topics');
    const cheat = await registerPrelabelDevice(t);
    const { lease } = await readBody(cheat.leasePrelabels({ max: 40 }));
    // Made-up outputs: every item "confidently" the first class, no model run.
    const made = lease.items.map((item: { itemId: number; inputHash: `0x${string}` }) => ({
      itemId: item.itemId,
      inputHash: item.inputHash,
      probs: [990_000, 5_000, 5_000],
    }));
    const answer = await readBody(cheat.submitPrelabels(lease, made, 'webgpu'));
    expect(answer).toMatchObject({ status: 'rejected', accepted: 0 });
    expect(answer.reason).toMatch(/PROBS_DIFFER|ARGMAX_DIFFERS/);
    const counts = await t.db.rows<{ prelabels: number; predictions: number }>(
      sql`select (select count(*)::int from prelabels) as prelabels,
            (select count(*)::int from prelabel_predictions) as predictions`,
    );
    expect(counts).toEqual([{ prelabels: 0, predictions: 0 }]);
    const [record] = await t.db.rows<{ failed_checks: number; reputation: number }>(
      sql`select failed_checks, reputation from devices where address = ${cheat.address}`,
    );
    expect(record!.failed_checks).toBe(1);
    expect(record!.reputation).toBeCloseTo(1 / 3, 5);
    // Its items are free again, for an honest device.
    const honest = await registerPrelabelDevice(t);
    const again = (await readBody(honest.leasePrelabels({ max: 256 }))).lease;
    expect(again.items).toHaveLength(ids.length - 120);
  });

  it("revokes a caught device's earlier predictions that were never recomputed", async () => {
    t = await createTestApp({
      env: {
        PLAZA_PRELABEL_CHECK_ALL_BELOW: '0',
        PLAZA_PRELABEL_CHECK_RATE: '0',
        PLAZA_PRELABEL_MIN_CHECKED: '1',
      },
    });
    await seedPrelabelCampaign(t);
    await trained(t, 'topics');
    const device = await registerPrelabelDevice(t);
    const first = (await readBody(device.leasePrelabels({ max: 20 }))).lease;
    const honest = await readBody(device.submitPrelabels(first, await device.run(first)));
    expect(honest).toMatchObject({ status: 'accepted', accepted: 20, checked: 1 });
    const second = (await readBody(device.leasePrelabels({ max: 20 }))).lease;
    // Every output is wrong: all of the probability on a class the model did not pick, so
    // whichever item the coordinator samples, the check fails.
    const swapped = (await device.run(second)).map((p) => {
      const top = p.probs.indexOf(Math.max(...p.probs));
      const wrong = (top + 1) % p.probs.length;
      return { ...p, probs: p.probs.map((_, i) => (i === wrong ? 1_000_000 : 0)) };
    });
    expect((await readBody(device.submitPrelabels(second, swapped))).status).toBe('rejected');

    const rows = await t.db.rows<{ revoked: boolean; checked: boolean; n: number }>(
      sql`select revoked_at is not null as revoked, checked, count(*)::int as n
          from prelabel_predictions group by 1, 2 order by 1, 2`,
    );
    expect(rows).toEqual([
      { revoked: false, checked: true, n: 1 },
      { revoked: true, checked: false, n: 19 },
    ]);
    const [left] = await t.db.rows<{ n: number }>(sql`select count(*)::int as n from prelabels`);
    expect(left!.n).toBe(1);
  });

  it('refuses batches that do not match their lease or their signer', async () => {
    t = await createTestApp({ env: strict });
    await seedPrelabelCampaign(t);
    await trained(t, 'topics');
    const device = await registerPrelabelDevice(t);
    const other = await registerPrelabelDevice(t);
    const { lease } = await readBody(device.leasePrelabels({ max: 4 }));
    const predictions = await device.run(lease);

    const body = await device.prelabelBatch({
      leaseId: lease.id,
      model: lease.model.hash,
      backend: 'cpu',
      items: predictions,
    });
    // Another device's token with this device's batch; then its own batch for this lease.
    const foreign = await other.post(routes.prelabelResults, body);
    expect((await readBody(foreign)).error.code).toBe('FORBIDDEN');
    const stranger = await other.submitPrelabels(lease, predictions);
    expect(stranger.status).toBe(403);
    expect((await readBody(stranger)).error.code).toBe('LEASE_NOT_OWNED');

    const notLeased = [{ ...predictions[0]!, itemId: 1 }];
    const invalid = await device.submitPrelabels(lease, notLeased);
    expect(invalid.status).toBe(422);
    expect((await readBody(invalid)).error.code).toBe('PRELABEL_RESULT_INVALID');

    const tampered = await device.post(routes.prelabelResults, { ...body, backend: 'webgpu' });
    expect(tampered.status).toBe(401);
    expect((await readBody(tampered)).error.code).toBe('SIGNATURE_INVALID');

    t.clock.advance(t.deps.config.PLAZA_PRELABEL_LEASE_SECONDS * 1000 + 1);
    const late = await device.submitPrelabels(lease, predictions);
    expect(late.status).toBe(410);
  });
});
