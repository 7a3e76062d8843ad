import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoReport, runDemo } from '../demo/run-demo.ts';
import { type ExportedRow, recomputeShares } from '../harness/recompute-shares.ts';

const jsonl = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

/**
 * The whole loop with the campaign frozen under attribution rule v2: devices crawl, labelers
 * label, the version is frozen (its validation rows drawn from the block that includes the rows
 * root) and published, holders claim, a buyer licenses, holders vote and everyone is paid; each
 * holder's shares are recomputed here from the export's values, and revenue matches to the wei.
 */
describe('the full loop under attribution rule v2', () => {
  let report: DemoReport;
  let output = '';

  beforeAll(async () => {
    report = await runDemo({
      output: { write: (text: string) => (output += text), isTTY: false },
      attributionRule: 'plaza-attribution/2',
      // The export is read below; the data dir is removed after.
      keep: true,
    });
  }, 400_000);
  afterAll(async () => {
    if (report?.dataset.dir)
      await rm(join(report.dataset.dir, '..', '..', '..'), { recursive: true, force: true });
  });

  it('freezes under v2 with a block beacon, and plaza verify --rpc passes', async () => {
    expect(report.failures).toEqual([]);
    expect(report.verify.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(report.dataset.dir, 'manifest.json'), 'utf8'));
    expect(manifest.attribution).toMatchObject({
      rule: 'plaza-attribution/2',
      beacon: { kind: 'block' },
      params: { k: 10, t: 100 },
    });
    expect(manifest.attribution.summary.validation).toBeGreaterThan(0);
  });

  it("pays every holder the shares the export's values give, to the wei", async () => {
    const dir = report.dataset.dir;
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    const rows = (await jsonl(join(dir, 'rows.jsonl'))) as ExportedRow[];
    const values = await jsonl(join(dir, 'values.jsonl'));
    const weights = values.map((v: { weight: string }) => BigInt(v.weight));
    // Measured value moves the weights away from quality alone.
    expect(values.some((v: { value: number }) => v.value > 0)).toBe(true);
    const expected = recomputeShares(
      rows,
      manifest.attribution.weights,
      BigInt(manifest.attribution.total),
      weights,
    );
    const shares = JSON.parse(await readFile(join(dir, 'shares.json'), 'utf8')) as {
      holders: Array<{ account: string; amount: string }>;
    };
    expect(new Map(shares.holders.map((h) => [h.account, BigInt(h.amount)]))).toEqual(expected);
    expect(report.people.length).toBeGreaterThan(0);
    for (const person of report.people) {
      expect(person.shares).toBe(expected.get(person.address.toLowerCase()) ?? 0n);
      expect(person.revenue).toBe(person.expectedRevenue);
    }
    expect(output).toContain('every check passed');
  });
});
