import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributionResponseSchema, rowValueProofSchema, verifyRowValue } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedItems, signInLabeler } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';
import { deviceRows } from '../earnings/device-rows.ts';
import { aggregateCampaign } from '../labeling/aggregate-campaign.ts';
import { freezeVersion } from './freeze-version.ts';
import { manifestSchema, sharesFileSchema } from './manifest.ts';
import { verifyVersion } from './verify-version.ts';

const politics = [
  'The council voted on the budget and the mayor promised new spending on schools and roads.',
  'Parliament debated the tax bill late into the night before the minister lost the vote.',
  'The election campaign opened with the president promising lower taxes and more police.',
  'Senators argued over the budget deficit while the governor vetoed the spending plan.',
  'The prime minister faced questions in parliament about the new immigration policy.',
  'Voters queued for hours as the election for mayor and council went to a second round.',
];
const sport = [
  'The striker scored twice in the cup final and the team lifted the trophy at last.',
  'A late goal from the captain won the league match for the home side on Sunday.',
  'The tennis champion won in straight sets and will play the final on Saturday.',
  'The coach praised the defence after a clean sheet in the derby against their rivals.',
  'The runner broke the world record in the marathon and the crowd cheered the finish.',
  'Fans celebrated as the club won promotion with a goal in the last minute of the season.',
];
const cls = (c: number) => ({ kind: 'classification' as const, class: c });

describe('freezing under rule v2 and verifying it', () => {
  let t: TestApp;
  let exportsDir: string;
  beforeEach(async () => {
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-exports-v2-'));
    t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir } });
    await seedCampaign(t, {
      goldFraction: 0,
      overlap: 3,
      qualityFloor: 0.5,
      attributionRule: 'plaza-attribution/2',
    });
    // Twelve stories and, last, a re-upload of the first with its punctuation changed.
    const texts = [...politics, ...sport, politics[0]?.replaceAll('.', '!') as string];
    const ids = await seedItems(
      t,
      'news',
      texts.map((text) => ({ text, title: 'Story' })),
    );
    const labelers = [await signInLabeler(t), await signInLabeler(t), await signInLabeler(t)];
    for (const labeler of labelers) {
      for (;;) {
        const { tasks } = await readBody(labeler.lease('news', 10));
        if (tasks.length === 0) break;
        for (const task of tasks) {
          const text = texts[ids.indexOf(task.itemId)] ?? '';
          await labeler.label(
            task.itemId,
            cls(politics.includes(text.replaceAll('!', '.')) ? 0 : 1),
          );
        }
      }
    }
    await aggregateCampaign(t.deps, 'news', { force: true });
  });
  afterEach(() => t.close());

  it('values rows, zeroes the re-upload, commits roots, and verifies', async () => {
    const { dir, manifest } = await freezeVersion(t.deps, {
      campaignId: 'news',
      exportsDir,
      datasetId: 7n,
    });
    const attribution = manifest.attribution;
    if (attribution.rule !== 'plaza-attribution/2') throw new Error('expected rule v2');
    expect(attribution.beacon.kind).toBe('rows-root');
    expect(attribution.summary).toMatchObject({ rows: 13, labelled: 13, nearCopies: 1 });
    expect(attribution.summary.validation).toBeGreaterThan(0);
    const values = (await readFile(join(dir, 'values.jsonl'), 'utf8')).trim().split('\n');
    const copy = JSON.parse(values[12] as string);
    expect(copy).toMatchObject({ index: 12, value: 0, weight: '0', nearCopy: { of: 0 } });
    expect(values.map((line) => JSON.parse(line).value).some((v: number) => v > 0)).toBe(true);
    expect(
      manifestSchema.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))),
    ).toEqual(manifest);
    expect((await verifyVersion(dir)).problems).toEqual([]);
    // The fidelity report: the KNN's and the campaign model's accuracy on the validation rows.
    expect(attribution.files.fidelity?.name).toBe('fidelity.json');
    const fidelity = JSON.parse(await readFile(join(dir, 'fidelity.json'), 'utf8'));
    expect(fidelity).toMatchObject({
      kind: 'in-sample',
      validationRows: attribution.summary.validation,
    });
    expect(fidelity.knnAccuracy).toBe(
      attribution.summary.knn.correct / attribution.summary.knn.total,
    );
    for (const key of ['modelAccuracy', 'withoutTopValued', 'withoutRandom']) {
      expect(fidelity[key]).toBeGreaterThanOrEqual(0);
      expect(fidelity[key]).toBeLessThanOrEqual(1);
    }
  });

  it('names a tampered value, neighbour list and near-copy mark', async () => {
    const { dir } = await freezeVersion(t.deps, { campaignId: 'news', exportsDir, datasetId: 7n });
    const valuesPath = join(dir, 'values.jsonl');
    const neighboursPath = join(dir, 'neighbours.jsonl');
    const values = (await readFile(valuesPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const neighbours = (await readFile(neighboursPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const rich = values.findIndex((v) => v.value > 0);
    values[rich].value += 1_000_000;
    values[12].nearCopy = null;
    const list = neighbours[0].neighbours;
    [list[0], list[1]] = [list[1], list[0]];
    const jsonl = (lines: unknown[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
    await writeFile(valuesPath, jsonl(values));
    await writeFile(neighboursPath, jsonl(neighbours));
    const { problems } = await verifyVersion(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^values\.jsonl: sha256 .* differs/),
        `values.jsonl: row ${rich}: value differ from the recomputation.`,
        'values.jsonl: row 12: nearCopy differ from the recomputation.',
        `neighbours.jsonl: line 1 (validation row ${neighbours[0].validation}): neighbours differ from the recomputation.`,
      ]),
    );
    expect(problems.filter((p) => p.includes('differ from the recomputation'))).toHaveLength(3);
  });

  it("tells a device each of its rows' value and why, as the attribution API does", async () => {
    await freezeVersion(t.deps, { campaignId: 'news', exportsDir, datasetId: 7n });
    const res = await t.app.request('/v1/datasets/news/versions/1/attribution');
    const all = attributionResponseSchema.parse(await res.json());
    const mine = await deviceRows(exportsDir, {
      campaignId: 'news',
      version: 1,
      rows: [12, 0, 3],
    });
    expect(mine).toMatchObject({ rule: 'plaza-attribution/2', total: 3 });
    expect(mine.rows.map((r) => r.index)).toEqual([12, 0, 3]);
    // The re-upload earns nothing and says which row it copies.
    expect(mine.rows[0]).toMatchObject({
      status: 'near_copy',
      value: '0',
      weightPpm: 0,
      nearCopy: { of: 0 },
    });
    for (const row of mine.rows) {
      const full = all.rows[row.index];
      expect(row).toEqual({
        index: full?.index,
        itemId: full?.itemId,
        contentHash: full?.contentHash,
        status: full?.status,
        value: full?.value,
        raw: full?.raw,
        valuePpm: full?.valuePpm,
        weightPpm: full?.weightPpm,
        nearCopy: full?.nearCopy,
        helped: full?.helped.slice(0, 5),
        helpedCount: full?.helped.length,
        hurtCount: full?.hurt.length,
      });
    }
    const valued = all.rows.find((r) => r.status === 'valued' && r.helped.length > 0);
    if (!valued) throw new Error('expected a valued row');
    const [explained] = (
      await deviceRows(exportsDir, { campaignId: 'news', version: 1, rows: [valued.index] })
    ).rows;
    expect(explained?.helped[0]).toEqual(valued.helped[0]);
    expect(BigInt(explained?.helped[0]?.amount ?? '0')).toBeGreaterThan(0n);
  });

  it("explains each row through the API and proves a row's value alone", async () => {
    const { dir } = await freezeVersion(t.deps, { campaignId: 'news', exportsDir, datasetId: 7n });
    const get = async (path: string) => {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      return res.json();
    };
    const all = attributionResponseSchema.parse(
      await get('/v1/datasets/news/versions/1/attribution'),
    );
    expect(all).toMatchObject({ rule: 'plaza-attribution/2', total: 13, offset: 0 });
    expect(all.rows[12]).toMatchObject({ status: 'near_copy', nearCopy: { of: 0 }, weightPpm: 0 });
    const valued = all.rows.filter((row) => row.status === 'valued');
    expect(valued.length).toBeGreaterThan(0);
    for (const row of valued) expect(row.helped.length).toBeGreaterThan(0);
    expect(all.rows.reduce((sum, row) => sum + row.weightPpm, 0)).toBeGreaterThan(999_980);

    // A labeler's rows, with their shares of each: the floored parts sum to their holding, give
    // or take one share per row.
    const shares = sharesFileSchema.parse(
      JSON.parse(await readFile(join(dir, 'shares.json'), 'utf8')),
    );
    const holder = shares.holders.find((h) => h.account !== all.rows[0]?.roles.fetcher);
    if (!holder) throw new Error('expected a labeler among the holders');
    const mine = attributionResponseSchema.parse(
      await get(`/v1/datasets/news/versions/1/attribution?account=${holder.account}&limit=500`),
    );
    expect(mine.total).toBeGreaterThan(0);
    const sum = mine.rows.reduce((s, row) => s + BigInt(row.accountShares ?? '0'), 0n);
    expect(BigInt(holder.amount) - sum).toBeGreaterThanOrEqual(0n);
    expect(BigInt(holder.amount) - sum).toBeLessThanOrEqual(BigInt(mine.total));

    // One row's value, checked from its proofs alone; a changed list no longer folds to the root.
    const best = valued[0]?.index as number;
    const proof = rowValueProofSchema.parse(
      await get(`/v1/datasets/news/versions/1/attribution/rows/${best}/proof`),
    );
    const check = verifyRowValue(proof);
    expect(check.problems).toEqual([]);
    expect(String(check.value)).toBe(valued[0]?.value);
    const forged = {
      ...proof,
      lists: proof.lists.map((l) => ({ ...l, line: l.line.replace(/,1\]/, ',0]') })),
    };
    expect(verifyRowValue(forged).problems.length).toBeGreaterThan(0);
    const bad = await t.app.request('/v1/datasets/news/versions/1/attribution?limit=501');
    expect(bad.status).toBe(400);
  });
});
