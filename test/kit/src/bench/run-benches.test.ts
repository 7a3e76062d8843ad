import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PackageResults, runBenches } from './run-benches.ts';

let dir: string;
const bench = (body: string) => `export const run = async () => ${body};\n`;
const figure = (name: string, extra = "kind: 'measured'") =>
  `{ name: '${name}', value: 1.5, unit: 'ms', better: 'lower', ${extra} }`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-bench-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runBenches', () => {
  it('runs every benchmark, reports the failing ones and keeps the figures of the others', async () => {
    await writeFile(join(dir, 'a.bench.ts'), bench(`[${figure('a.ms')}]`));
    await writeFile(join(dir, 'b.bench.ts'), bench('{ throw new Error("fixture site hung"); }'));
    await writeFile(join(dir, 'c.bench.ts'), bench(`[${figure('c.ms', '')}]`));
    await writeFile(join(dir, 'd.bench.ts'), bench(`[${figure('d.ms', "kind: 'simulated'")}]`));
    const benchDir = pathToFileURL(`${dir}/`);
    const results = await runBenches({ packageName: 'kit', benchDir, resultsDir: benchDir });

    expect(results.figures.map((f) => f.name)).toEqual(['a.ms', 'd.ms']);
    expect(results.failures.map((f) => f.bench.split('/').at(-1))).toEqual([
      'b.bench.ts',
      'c.bench.ts',
    ]);
    expect(results.failures[0]!.error).toContain('fixture site hung');
    expect(results.failures[1]!.error).toContain('c.ms: kind undefined is not one of');
    const [a] = results.figures;
    expect(a!.provenance?.bench).toMatch(/a\.bench\.ts$/);
    expect(a!.provenance?.machine.cpus).toBeGreaterThan(0);
    expect(Date.parse(a!.provenance!.date)).not.toBeNaN();

    const written = JSON.parse(await readFile(join(dir, 'kit.json'), 'utf8')) as PackageResults;
    expect(written).toEqual(results);
  });

  it('replaces only the figures of the benchmarks it was asked to run', async () => {
    await writeFile(join(dir, 'a.bench.ts'), bench(`[${figure('a.ms')}]`));
    await writeFile(join(dir, 'b.bench.ts'), bench(`[${figure('b.ms')}]`));
    const benchDir = pathToFileURL(`${dir}/`);
    await runBenches({ packageName: 'kit', benchDir, resultsDir: benchDir });
    await writeFile(join(dir, 'b.bench.ts'), bench(`[${figure('b.other_ms')}]`));
    const again = await runBenches({
      packageName: 'kit',
      benchDir,
      resultsDir: benchDir,
      only: ['b'],
    });
    expect(again.figures.map((f) => f.name)).toEqual(['a.ms', 'b.other_ms']);
  });

  it('kills a benchmark that hangs past its time limit and goes on with the next', async () => {
    await writeFile(
      join(dir, 'a.bench.ts'),
      bench('new Promise(() => setInterval(() => {}, 1000))'),
    );
    await writeFile(join(dir, 'b.bench.ts'), bench(`[${figure('b.ms')}]`));
    const benchDir = pathToFileURL(`${dir}/`);
    const results = await runBenches({
      packageName: 'kit',
      benchDir,
      resultsDir: benchDir,
      timeoutMs: 3_000,
    });
    expect(results.failures.map((f) => f.error)).toEqual(['timed out after 3 s']);
    expect(results.figures.map((f) => f.name)).toEqual(['b.ms']);
  });

  it('refuses to run a benchmark that does not exist', async () => {
    const benchDir = pathToFileURL(`${dir}/`);
    await expect(
      runBenches({ packageName: 'kit', benchDir, resultsDir: benchDir, only: ['nope'] }),
    ).rejects.toThrow(/Unknown benchmark nope/);
  });
});
