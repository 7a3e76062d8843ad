import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type Figure, judge, renderReport, type Target } from '../../scripts/bench-report.mjs';

const figure = (name: string, value: number, baseline?: number): Figure => ({
  name,
  value,
  unit: 'x',
  better: 'higher',
  ...(baseline === undefined ? {} : { baseline: { name: 'base', value: baseline } }),
});

describe('the benchmark report', () => {
  it('judges a figure against a fixed target, a ratio of its baseline, or its baseline', () => {
    expect(judge(figure('a', 19), { op: '<', target: 20 })).toBe('met');
    expect(judge(figure('a', 20), { op: '<', target: 20 })).toBe('missed');
    expect(judge(figure('a', 0), { op: '<=', target: 0 })).toBe('met');
    expect(judge(figure('a', 2000, 103), { op: '>=', ratio: 20 })).toBe('missed');
    expect(judge(figure('a', 2060, 103), { op: '>=', ratio: 20 })).toBe('met');
    expect(judge(figure('a', 0.9, 0.8), { op: '>=', baseline: true })).toBe('met');
    expect(judge(figure('a', 0.9), { op: '>=', baseline: true })).toBe('unknown');
    expect(() => judge(figure('a', 1), { op: '=' as never, target: 1 })).toThrow(/unknown op/);
  });

  it('lists every figure by area, with its target and baseline, and names the missed ones', () => {
    const targets: Record<string, Target> = {
      'lease.p99_ms': { op: '<', target: 20, source: 'issue 2' },
      'gas.vote': { op: '<=', target: 45_000 },
    };
    const report = renderReport(
      [
        figure('gas.vote', 37_990, 66_000),
        figure('lease.p99_ms', 459.7),
        figure('lease.p50_ms', 1),
      ],
      targets,
    );
    expect(report).toContain('3 figures');
    expect(report).toContain('2 have a target from the issues: 1 met, 1 missed');
    expect(report).toContain('Missed: `lease.p99_ms`.');
    expect(report).toContain('## gas');
    expect(report).toContain(
      '| `gas.vote` | 37,990 x | higher | <= 45,000 | 66,000 (base) | ✓ met |',
    );
    expect(report).toContain(
      '| `lease.p99_ms` | 459.7 x | higher | < 20 (issue 2) |  | ✗ missed |',
    );
    expect(report.indexOf('## gas')).toBeLessThan(report.indexOf('## lease'));
  });

  it('uses the target a benchmark wrote beside its figure when targets.json has none', () => {
    const report = renderReport(
      [{ ...figure('fuzz.cases', 9_600), target: { op: '>=', value: 480_000 } }],
      {},
    );
    expect(report).toContain('| `fuzz.cases` | 9,600 x | higher | >= 480,000 |  | ✗ missed |');
  });

  it('has a well-formed target for figures that exist in bench/results.json', async () => {
    const targets = JSON.parse(
      await readFile(new URL('../../bench/targets.json', import.meta.url), 'utf8'),
    ) as Record<string, Target | string>;
    for (const [name, target] of Object.entries(targets)) {
      if (name === '$comment') continue;
      expect(typeof target === 'object' && ['<', '<=', '>=', '>'].includes(target.op), name).toBe(
        true,
      );
    }
  });
});
