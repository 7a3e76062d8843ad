import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoReport, runDemo } from '../demo/run-demo.ts';

/**
 * `pnpm demo` end to end, as a newcomer runs it (its main function, output captured as from a
 * pipe): Plaza on its embedded defaults, devices, labelers, freeze, the DAO, `plaza verify`.
 */
describe('pnpm demo', () => {
  let report: DemoReport;
  let output = '';

  beforeAll(async () => {
    report = await runDemo({ output: { write: (text: string) => (output += text), isTTY: false } });
  }, 300_000);

  it('passes every check and exits 0', () => {
    expect(report.failures).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(output).toContain('every check passed');
    // Not a terminal: no colour codes, no in-place progress.
    expect(output).not.toContain('\u001b[');
    expect(output).not.toContain('\r');
  });

  it('crawls the whole fixture web, sorting articles from duplicates and spam', () => {
    const devices = report.people.filter((p) => p.role === 'device');
    expect(devices).toHaveLength(3);
    const total = (pick: (p: (typeof devices)[number]) => number | null) =>
      devices.reduce((n, p) => n + (pick(p) ?? 0), 0);
    // 30 unique articles, 6 copied ones, 8 near-duplicated ones: 44 distinct articles become rows.
    expect(total((p) => p.accepted)).toBe(44);
    expect(report.dataset.rows).toBe(44);
    // 12 exact copies and 8 near duplicates (the spam host's look-alike pages may add a few).
    expect(total((p) => p.duplicates)).toBeGreaterThanOrEqual(20);
    expect(total((p) => p.lowQuality)).toBeGreaterThanOrEqual(15);
    expect(total((p) => p.fetched)).toBe(83);
    for (const device of devices) expect(device.fetched).toBeGreaterThan(0);
  });

  it('pays every person exactly what the attribution promises', () => {
    expect(report.people.map((p) => p.role)).toEqual([
      'device',
      'device',
      'device',
      'labeler',
      'labeler',
      'labeler',
    ]);
    for (const person of report.people) {
      expect(person.shares).toBeGreaterThan(0n);
      expect(person.revenue).toBeGreaterThan(0n);
      expect(person.revenue).toBe(person.expectedRevenue);
      expect(person.matches).toBe(true);
    }
    const license = report.license!;
    const paid = report.people.reduce((n, p) => n + p.revenue, 0n);
    // Everything is paid out but the flooring, at most one unit per holder.
    expect(paid).toBeLessThanOrEqual(license.revenue);
    expect(license.revenue - paid).toBeLessThan(BigInt(report.people.length));
    expect(report.people.reduce((n, p) => n + p.sharePercent, 0)).toBeCloseTo(100, 1);
  });

  it('gives the sloppy labeler a smaller share than the careful ones (Dawid–Skene)', () => {
    const [ana, ben, cy] = report.people.filter((p) => p.role === 'labeler');
    expect(ana!.labels).toBe(44);
    expect(cy!.labels).toBe(44);
    expect(ana!.shares).toBe(ben!.shares);
    expect(cy!.shares).toBeLessThan(ana!.shares);
  });

  it('runs the real plaza verify on the export, which passes against the chain', () => {
    expect(report.verify.code).toBe(0);
    expect(report.verify.stdout).toContain('OK: the files, the rows root, every share');
    expect(output).toContain('$ plaza verify');
  });

  it('ends with a summary table of the six people, each marked as matching', () => {
    const lines = output.split('\n');
    const header = lines.findIndex((line) => /person\s+fetched\s+accepted/.test(line));
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 2, header + 8);
    expect(rows.map((row) => row.trim().split(/\s{2,}/)[0])).toEqual(
      report.people.map((p) => p.name),
    );
    for (const row of rows) expect(row.trimEnd()).toMatch(/✓$/);
    expect(lines[header + 8]?.trim().startsWith('device') ?? false).toBe(false);
  });
});
