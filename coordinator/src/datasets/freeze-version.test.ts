import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySharesProof } from '@plaza/contracts';
import { readBody } from '@plaza/test-kit/http';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedItems, signInLabeler } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';
import { aggregateCampaign } from '../labeling/aggregate-campaign.ts';
import { freezeVersion } from './freeze-version.ts';
import { sharesFileSchema } from './manifest.ts';
import { verifyVersion } from './verify-version.ts';

const cls = (c: number) => ({ kind: 'classification', class: c });

describe('freezing a version and verifying it', () => {
  let t: TestApp;
  let exportsDir: string;
  beforeEach(async () => {
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-exports-'));
    t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir } });
    await seedCampaign(t, { goldFraction: 0, overlap: 2, qualityFloor: 0.5 });
    await seedItems(t, 'news', [
      { text: 'First story about the council budget vote and what it means.', quality: 0.9 },
      { text: 'Second story about the cup final and the late winning goal.', quality: 0.6 },
      { text: 'Third story, a short spam page with little to say at all.', quality: 0.2 },
    ]);
    const labelers = [await signInLabeler(t), await signInLabeler(t)];
    for (const labeler of labelers) {
      const { tasks } = await readBody(labeler.lease('news', 3));
      for (const task of tasks) await labeler.label(task.itemId, cls(task.itemId % 2));
    }
    await aggregateCampaign(t.deps, 'news', { force: true });
  });
  afterEach(() => t.close());

  it('writes rows above the floor with labels and provenance, in JSONL and Parquet', async () => {
    const { dir, manifest } = await freezeVersion(t.deps, {
      campaignId: 'news',
      exportsDir,
      datasetId: 7n,
    });
    expect(manifest).toMatchObject({
      format: 'plaza-dataset/1',
      version: 1,
      datasetId: '7',
      rows: { count: 2 },
      attribution: { rule: 'plaza-attribution/1', holders: 3 },
    });
    const lines = (await readFile(join(dir, 'rows.jsonl'), 'utf8')).trim().split('\n');
    const rows = lines.map((line) => JSON.parse(line));
    expect(rows.map((row) => row.quality)).toEqual([
      expect.closeTo(0.9, 5),
      expect.closeTo(0.6, 5),
    ]);
    expect(rows[0].provenance.labelers).toHaveLength(2);
    expect(rows[0].label).toMatchObject({ kind: 'classification' });
    // An independent reader (hyparquet) reads the same rows from the Parquet file.
    const parquet = await parquetReadObjects({
      file: await asyncBufferFromFile(join(dir, 'rows.parquet')),
    });
    expect(parquet.map((row) => row.text)).toEqual(rows.map((row) => row.text));
    expect(parquet.map((row) => Number(row.itemId))).toEqual(rows.map((row) => row.itemId));

    // Shares: everyone's amount has a proof against the root.
    const shares = sharesFileSchema.parse(
      JSON.parse(await readFile(join(dir, 'shares.json'), 'utf8')),
    );
    expect(shares.tree.tree[0]).toBe(manifest.shares.root);
    const sum = shares.holders.reduce((total, h) => total + BigInt(h.amount), 0n);
    expect(String(sum)).toBe(manifest.attribution.totalShares);
    // The fetching device got 40 % of all value; the labelers split 50 %; compute (10 %) is unallocated.
    const device = rows[0].provenance.payout;
    const deviceShares = BigInt(shares.holders.find((h) => h.account === device)?.amount ?? 0);
    expect(Number(deviceShares) / 1e24).toBeCloseTo(0.4, 6);
    expect(Number(BigInt(manifest.attribution.unallocated)) / 1e24).toBeCloseTo(0.1, 6);
    // Every holder can fetch a proof from the API, and it verifies against the root.
    for (const holder of shares.holders) {
      const proof = await readBody(
        t.app.request(`/v1/datasets/news/versions/1/proofs/${holder.account}`),
      );
      expect(proof).toMatchObject({ datasetId: '7', version: 1, amount: holder.amount });
      const leaf = [7n, 1n, BigInt(proof.index), holder.account, BigInt(holder.amount)] as const;
      expect(
        verifySharesProof(manifest.shares.root as `0x${string}`, leaf as never, proof.proof),
      ).toBe(true);
    }
    const stranger = await t.app.request(
      `/v1/datasets/news/versions/1/proofs/0x${'12'.repeat(20)}`,
    );
    expect(stranger.status).toBe(404);
    expect(
      (await t.app.request(`/v1/datasets/news/versions/9/proofs/0x${'12'.repeat(20)}`)).status,
    ).toBe(404);

    // A version is never overwritten; the next freeze is v2.
    const second = await freezeVersion(t.deps, { campaignId: 'news', exportsDir, datasetId: 7n });
    expect(second.manifest.version).toBe(2);
    await expect(
      freezeVersion(t.deps, { campaignId: 'news', exportsDir, datasetId: 7n, version: 1 }),
    ).rejects.toThrow(/never overwritten/);
    // Through the API (admin), with a clear error for a campaign with nothing to freeze.
    await seedCampaign(t, { id: 'empty-one' });
    const empty = await t.app.request('/v1/campaigns/empty-one/versions', {
      method: 'POST',
      headers: t.admin,
      body: JSON.stringify({ datasetId: '8' }),
    });
    expect(empty.status).toBe(422);
    expect((await readBody(empty)).error.code).toBe('VERSION_EMPTY');
  });

  it('verify passes on an honest export and names what was changed in a tampered one', async () => {
    const { dir } = await freezeVersion(t.deps, { campaignId: 'news', exportsDir, datasetId: 7n });
    const honest = await verifyVersion(dir);
    expect(honest.problems).toEqual([]);
    expect(honest.sharesRoot).toBe(honest.manifest.shares.root);

    // Tamper with the text of row 1 in the JSONL only.
    const jsonl = join(dir, 'rows.jsonl');
    const original = await readFile(jsonl, 'utf8');
    await writeFile(jsonl, original.replace('cup final', 'cup semi-final'));
    const tampered = await verifyVersion(dir);
    expect(tampered.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rows\.jsonl: sha256 .* differs/),
        expect.stringMatching(/^row 1 \(item \d+\): text differ/),
        expect.stringMatching(/^rows root .* differs/),
      ]),
    );
    await writeFile(jsonl, original);

    // Give one holder more shares in shares.json.
    const sharesPath = join(dir, 'shares.json');
    const shares = JSON.parse(await readFile(sharesPath, 'utf8'));
    const victim = shares.holders[0];
    victim.amount = String(BigInt(victim.amount) + 1000n);
    await writeFile(sharesPath, JSON.stringify(shares, null, 1));
    const inflated = await verifyVersion(dir);
    expect(inflated.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^shares\.json: sha256/),
        expect.stringContaining(`shares of ${victim.account}: shares.json says ${victim.amount}`),
      ]),
    );
  });
});
