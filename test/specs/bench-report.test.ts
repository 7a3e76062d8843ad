import { readFile } from 'node:fs/promises';
import { FIGURE_KINDS } from '@plaza/test-kit/bench';
import { describe, expect, it } from 'vitest';
import { type Figure, judge, renderReport, type Target } from '../../scripts/bench-report.mjs';

const figure = (
  name: string,
  value: number,
  baseline?: number,
  kind: Figure['kind'] = 'measured',
): Figure => ({
  name,
  value,
  unit: 'x',
  better: 'higher',
  kind,
  ...(baseline === undefined ? {} : { baseline: { name: 'base', value: baseline } }),
});

describe('the benchmark report', () => {
  it('judges a measured figure against a fixed target, a ratio of its baseline, or its baseline', () => {
    expect(judge(figure('a', 19), { op: '<', target: 20 })).toBe('met');
    expect(judge(figure('a', 20), { op: '<', target: 20 })).toBe('missed');
    expect(judge(figure('a', 0), { op: '<=', target: 0 })).toBe('met');
    expect(judge(figure('a', 2000, 103), { op: '>=', ratio: 20 })).toBe('missed');
    expect(judge(figure('a', 2060, 103), { op: '>=', ratio: 20 })).toBe('met');
    expect(judge(figure('a', 0.9, 0.8), { op: '>=', baseline: true })).toBe('met');
    expect(judge(figure('a', 0.9), { op: '>=', baseline: true })).toBe('unknown');
    expect(() => judge(figure('a', 1), { op: '=' as never, target: 1 })).toThrow(/unknown op/);
  });

  it('never marks a modelled, simulated or in-sample figure met, nor a quoted baseline beaten', () => {
    for (const kind of ['modelled', 'simulated', 'in-sample'] as const) {
      expect(judge(figure('a', 1_000, undefined, kind), { op: '>=', target: 1 })).toBe(
        'not judged',
      );
    }
    const quoted: Figure = {
      ...figure('a', 0.99),
      baseline: { name: 'published', value: 0.9, source: 'quoted' },
    };
    expect(judge(quoted, { op: '>=', baseline: true })).toBe('not judged');
    expect(judge(quoted, { op: '>=', target: 0.95 })).toBe('met');
  });

  it('lists measured figures by area with target and baseline, and names the missed ones', () => {
    const targets: Record<string, Target> = {
      'lease.p99_ms': { op: '<', target: 20, source: 'issue 2' },
      'gas.vote': { op: '<=', target: 45_000 },
      'labeling.labels_per_hour': { op: '>=', target: 200 },
      'never.produced': { op: '>=', target: 1 },
    };
    const report = renderReport(
      [
        figure('gas.vote', 37_990, 66_000),
        figure('lease.p99_ms', 459.7),
        figure('lease.p50_ms', 1),
        figure('labeling.labels_per_hour', 246, undefined, 'modelled'),
      ],
      targets,
      { failures: [{ bench: 'test/bench/extension.bench.ts', error: 'timed out | 600 s' }] },
    );
    expect(report).toContain('4 figures');
    expect(report).toContain('3 measured, 1 modelled, simulated or in-sample');
    expect(report).toContain('2 measured figures have a target from the issues: 1 met, 1 missed');
    expect(report).toContain('Missed: `lease.p99_ms`.');
    expect(report).toContain('## gas');
    expect(report).toContain(
      '| `gas.vote` | 37,990 x | higher | <= 45,000 | 66,000 (base) | ✓ met |',
    );
    expect(report).toContain(
      '| `lease.p99_ms` | 459.7 x | higher | < 20 (issue 2) |  | ✗ missed |',
    );
    expect(report.indexOf('## gas')).toBeLessThan(report.indexOf('## lease'));
    // The modelled figure is in its own section, after every measured one, and never judged.
    const apart = report.indexOf('## Not measurements');
    expect(apart).toBeGreaterThan(report.indexOf('## lease'));
    expect(report.slice(apart)).toContain(
      '| `labeling.labels_per_hour` | modelled | 246 x | higher | >= 200 |  |',
    );
    expect(report).not.toMatch(/labels_per_hour.*✓ met/);
    expect(report).toContain('## Targets with no figure in this run');
    expect(report).toContain('`never.produced`');
    expect(report).toContain('| `test/bench/extension.bench.ts` | timed out \\| 600 s |');
  });

  it('uses the target a benchmark wrote beside its figure when targets.json has none', () => {
    const report = renderReport(
      [{ ...figure('fuzz.cases', 9_600), target: { op: '>=', value: 480_000 } }],
      {},
    );
    expect(report).toContain('| `fuzz.cases` | 9,600 x | higher | >= 480,000 |  | ✗ missed |');
  });

  it('has well-formed targets, and every figure in bench/results.json says what it is and where it came from', async () => {
    const targets = JSON.parse(
      await readFile(new URL('../../bench/targets.json', import.meta.url), 'utf8'),
    ) as Record<string, Target | string>;
    for (const [name, target] of Object.entries(targets)) {
      if (name === '$comment') continue;
      expect(typeof target === 'object' && ['<', '<=', '>=', '>'].includes(target.op), name).toBe(
        true,
      );
    }
    const figures = JSON.parse(
      await readFile(new URL('../../bench/results.json', import.meta.url), 'utf8'),
    ) as Figure[];
    expect(Array.isArray(figures)).toBe(true);
    const names = new Set<string>();
    for (const f of figures) {
      expect(names.has(f.name), `${f.name} appears twice`).toBe(false);
      names.add(f.name);
      expect(FIGURE_KINDS, f.name).toContain(f.kind);
      expect(Number.isFinite(f.value), f.name).toBe(true);
      expect(['higher', 'lower'], f.name).toContain(f.better);
      expect(f.provenance?.commit, f.name).toMatch(/^[0-9a-f]{40}(-dirty)?$|^unknown$/);
      expect(f.provenance?.machine.cpus, f.name).toBeGreaterThan(0);
      if (f.baseline) expect(Number.isFinite(f.baseline.value), f.name).toBe(true);
    }
  });
});
