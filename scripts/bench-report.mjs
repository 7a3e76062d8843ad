// Renders bench/results.json as one markdown report: every figure next to its target (from
// bench/targets.json, taken from the issues) and its baseline, with whether the target is met.

/**
 * @typedef {{ name: string, value: number, unit: string, better: 'higher' | 'lower',
 *   baseline?: { name: string, value: number }, target?: { op: string, value: number } }} Figure
 * @typedef {{ op: '<' | '<=' | '>=' | '>', target?: number, ratio?: number, baseline?: boolean,
 *   source?: string }} Target
 */

const compare = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/**
 * Whether a figure meets its target: `met`, `missed`, or `unknown` (no baseline to compare with).
 * @param {Figure} figure
 * @param {Target} target
 */
export function judge(figure, target) {
  const test = compare[target.op];
  if (!test) throw new Error(`bench/targets.json: ${figure.name} has an unknown op "${target.op}"`);
  if (target.target !== undefined) return test(figure.value, target.target) ? 'met' : 'missed';
  if (!figure.baseline) return 'unknown';
  if (target.ratio !== undefined) {
    return test(figure.value / figure.baseline.value, target.ratio) ? 'met' : 'missed';
  }
  return test(figure.value, figure.baseline.value) ? 'met' : 'missed';
}

/** @param {Target} target */
function describeTarget(target) {
  if (target.target !== undefined) return `${target.op} ${format(target.target)}`;
  if (target.ratio !== undefined) return `${target.op} ${target.ratio}× baseline`;
  return `${target.op} baseline`;
}

/** @param {number} value */
export function format(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  const rounded =
    abs >= 100 ? value.toFixed(1) : abs >= 1 ? value.toFixed(2) : value.toPrecision(3);
  return String(Number(rounded));
}

/**
 * The report: a summary line, then one table per area (the name's first segment).
 * @param {Figure[]} figures
 * @param {Record<string, Target>} targets
 * @param {{ generatedAt?: string }} [options]
 */
export function renderReport(figures, targets, options = {}) {
  const rows = figures.map((figure) => {
    // bench/targets.json first; else the target a benchmark wrote beside its figure.
    const target =
      targets[figure.name] ??
      (figure.target ? { op: figure.target.op, target: figure.target.value } : undefined);
    return { figure, target, verdict: target ? judge(figure, target) : null };
  });
  const judged = rows.filter((r) => r.verdict !== null);
  const met = judged.filter((r) => r.verdict === 'met').length;
  const missed = judged.filter((r) => r.verdict === 'missed');
  const lines = [
    '# Benchmark report',
    '',
    `${figures.length} figures from \`bench/results.json\`${options.generatedAt ? ` (written ${options.generatedAt})` : ''}; ` +
      `${judged.length} have a target from the issues: ${met} met, ${missed.length} missed` +
      `${judged.length - met - missed.length ? `, ${judged.length - met - missed.length} without a baseline to judge` : ''}.`,
    '',
  ];
  if (missed.length) {
    lines.push(`Missed: ${missed.map((r) => `\`${r.figure.name}\``).join(', ')}.`, '');
  }
  const areas = new Map();
  for (const row of rows) {
    const area = row.figure.name.split('.')[0];
    if (!areas.has(area)) areas.set(area, []);
    areas.get(area).push(row);
  }
  const mark = { met: '✓ met', missed: '✗ missed', unknown: '? no baseline' };
  for (const [area, list] of [...areas].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`## ${area}`, '', '| figure | value | better | target | baseline | verdict |');
    lines.push('| --- | ---: | --- | --- | --- | --- |');
    for (const { figure, target, verdict } of list) {
      const baseline = figure.baseline
        ? `${format(figure.baseline.value)} (${figure.baseline.name.replaceAll('|', '\\|')})`
        : '';
      const goal = target
        ? `${describeTarget(target)}${target.source ? ` (${target.source})` : ''}`
        : '';
      lines.push(
        `| \`${figure.name}\` | ${format(figure.value)} ${figure.unit} | ${figure.better} | ${goal} | ${baseline} | ${verdict ? mark[verdict] : ''} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
