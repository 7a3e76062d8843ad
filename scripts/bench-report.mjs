// Renders bench/results.json as one markdown report. Measured figures are judged against their
// targets (bench/targets.json, taken from the issues); modelled, simulated and in-sample figures
// are listed in a section of their own and never marked met; benchmarks that failed are named.

/**
 * @typedef {'measured' | 'modelled' | 'simulated' | 'in-sample'} Kind
 * @typedef {{ commit: string, date: string, bench: string, machine: { cpus: number,
 *   cpuModel: string, memoryGiB: number, loadAverage: number, node: string } }} Provenance
 * @typedef {{ name: string, value: number, unit: string, better: 'higher' | 'lower', kind: Kind,
 *   baseline?: { name: string, value: number, source?: 'measured' | 'quoted' | 'modelled' },
 *   target?: { op: string, value: number }, note?: string, provenance?: Provenance }} Figure
 * @typedef {{ op: '<' | '<=' | '>=' | '>', target?: number, ratio?: number, baseline?: boolean,
 *   source?: string }} Target
 * @typedef {{ bench: string, error: string }} Failure
 */

const compare = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/**
 * Whether a figure meets its target: `met`, `missed`, `unknown` (no baseline to compare with), or
 * `not judged` when the figure is not measured (a model or a simulation cannot meet a target), or
 * when a target relative to the baseline has only a quoted or modelled baseline.
 * @param {Figure} figure
 * @param {Target} target
 * @returns {'met' | 'missed' | 'unknown' | 'not judged'}
 */
export function judge(figure, target) {
  const test = compare[target.op];
  if (!test) throw new Error(`bench/targets.json: ${figure.name} has an unknown op "${target.op}"`);
  if (figure.kind !== 'measured') return 'not judged';
  if (target.target !== undefined) return test(figure.value, target.target) ? 'met' : 'missed';
  if (!figure.baseline) return 'unknown';
  if ((figure.baseline.source ?? 'measured') !== 'measured') return 'not judged';
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

/** @param {string} text */
const cell = (text) => text.replaceAll('|', '\\|');

/**
 * The report: provenance, a summary line, the measured figures by area (the name's first
 * segment) judged against their targets, then the figures that are not measurements, then the
 * benchmarks that failed.
 * @param {Figure[]} figures
 * @param {Record<string, Target>} targets
 * @param {{ generatedAt?: string, failures?: Failure[] }} [options]
 */
export function renderReport(figures, targets, options = {}) {
  const rows = figures.map((figure) => {
    // bench/targets.json first; else the target a benchmark wrote beside its figure.
    const target =
      targets[figure.name] ??
      (figure.target ? { op: figure.target.op, target: figure.target.value } : undefined);
    return { figure, target, verdict: target ? judge(figure, target) : null };
  });
  const measured = rows.filter((r) => r.figure.kind === 'measured');
  const other = rows.filter((r) => r.figure.kind !== 'measured');
  const judged = measured.filter((r) => r.verdict !== null);
  const met = judged.filter((r) => r.verdict === 'met').length;
  const missed = judged.filter((r) => r.verdict === 'missed');
  const unknown = judged.length - met - missed.length;
  const failures = options.failures ?? [];
  const lines = [
    '# Benchmark report',
    '',
    ...describeProvenance(figures, options.generatedAt),
    `${figures.length} figures from \`bench/results.json\`: ${measured.length} measured, ` +
      `${other.length} modelled, simulated or in-sample. ` +
      `${judged.length} measured figures have a target from the issues: ${met} met, ${missed.length} missed` +
      `${unknown ? `, ${unknown} without a measured baseline to judge` : ''}.` +
      (failures.length ? ` ${failures.length} benchmark(s) failed (below).` : ''),
    '',
  ];
  if (missed.length) {
    lines.push(`Missed: ${missed.map((r) => `\`${r.figure.name}\``).join(', ')}.`, '');
  }
  const mark = {
    met: '✓ met',
    missed: '✗ missed',
    unknown: '? no baseline',
    'not judged': '— not judged',
  };
  for (const [area, list] of groupByArea(measured)) {
    lines.push(`## ${area}`, '', '| figure | value | better | target | baseline | verdict |');
    lines.push('| --- | ---: | --- | --- | --- | --- |');
    for (const { figure, target, verdict } of list) {
      lines.push(
        `| \`${figure.name}\` | ${format(figure.value)} ${figure.unit} | ${figure.better} | ` +
          `${describeGoal(target)} | ${describeBaseline(figure)} | ${verdict ? mark[verdict] : ''} |`,
      );
    }
    lines.push('');
  }
  if (other.length) {
    lines.push(
      '## Not measurements: modelled, simulated and in-sample figures',
      '',
      'These come from a model, from generated inputs whose truth the generator decides, or from the ' +
        'data a method was tuned on. They explain and compare; no target is judged on them.',
      '',
      '| figure | kind | value | better | target (not judged) | baseline |',
      '| --- | --- | ---: | --- | --- | --- |',
    );
    for (const { figure, target } of other) {
      lines.push(
        `| \`${figure.name}\` | ${figure.kind} | ${format(figure.value)} ${figure.unit} | ${figure.better} | ` +
          `${describeGoal(target)} | ${describeBaseline(figure)} |`,
      );
    }
    lines.push('');
  }
  const produced = new Set(figures.map((f) => f.name));
  const orphans = Object.keys(targets).filter((name) => !produced.has(name));
  if (orphans.length) {
    lines.push(
      '## Targets with no figure in this run',
      '',
      orphans.map((name) => `\`${name}\``).join(', '),
      '',
    );
  }
  if (failures.length) {
    lines.push(
      '## Benchmarks that failed in this run',
      '',
      '| benchmark | error |',
      '| --- | --- |',
    );
    for (const failure of failures) lines.push(`| \`${failure.bench}\` | ${cell(failure.error)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** @param {Target | undefined} target */
function describeGoal(target) {
  return target ? `${describeTarget(target)}${target.source ? ` (${target.source})` : ''}` : '';
}

/** @param {Figure} figure */
function describeBaseline(figure) {
  if (!figure.baseline) return '';
  const source = figure.baseline.source ?? 'measured';
  const tag = source === 'measured' ? '' : `, ${source}`;
  return `${format(figure.baseline.value)} (${cell(figure.baseline.name)}${tag})`;
}

/**
 * @template {{ figure: Figure }} T
 * @param {T[]} rows
 * @returns {[string, T[]][]}
 */
function groupByArea(rows) {
  const areas = new Map();
  for (const row of rows) {
    const area = row.figure.name.split('.')[0];
    if (!areas.has(area)) areas.set(area, []);
    areas.get(area).push(row);
  }
  return [...areas].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * @param {Figure[]} figures
 * @param {string | undefined} generatedAt
 */
function describeProvenance(figures, generatedAt) {
  const provenances = figures.flatMap((f) => (f.provenance ? [f.provenance] : []));
  if (provenances.length === 0) return generatedAt ? [`Written ${generatedAt}.`, ''] : [];
  const commits = [...new Set(provenances.map((p) => p.commit))];
  const machine = provenances[0].machine;
  const loads = provenances.map((p) => p.machine.loadAverage);
  const dates = provenances.map((p) => p.date).sort();
  return [
    `Written ${generatedAt ?? dates.at(-1)} from commit ${commits.map((c) => `\`${c.slice(0, 12)}\``).join(', ')}; ` +
      `benchmarks ran from ${dates[0]} to ${dates.at(-1)} on ${machine.cpus} × ${machine.cpuModel}, ` +
      `${machine.memoryGiB} GiB, Node ${machine.node}; one-minute load average at each benchmark's start ` +
      `${format(Math.min(...loads))}–${format(Math.max(...loads))}.`,
    '',
  ];
}
