// Merges the figures each package's benchmark wrote to bench/results/<package>.json into
// bench/results.json (one list, sorted by name), prints them next to their baselines, and writes
// bench/REPORT.md with every figure next to its target (bench/targets.json) and baseline.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderReport } from './bench-report.mjs';

const dir = new URL('../bench/results/', import.meta.url);
const out = new URL('../bench/results.json', import.meta.url);
const figures = new Map();
if (existsSync(out)) {
  for (const figure of JSON.parse(readFileSync(out, 'utf8'))) figures.set(figure.name, figure);
}
if (existsSync(dir)) {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    for (const figure of JSON.parse(readFileSync(new URL(file, dir), 'utf8'))) {
      figures.set(figure.name, figure);
    }
  }
}
const list = [...figures.values()].sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(out, `${JSON.stringify(list, null, 2)}\n`);
const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('figure', 40)}${pad('value', 16)}${pad('unit', 14)}baseline`);
for (const f of list) {
  const value = Number.isInteger(f.value) ? f.value : f.value.toPrecision(4);
  const baseline = f.baseline ? `${f.baseline.name}: ${f.baseline.value}` : '';
  console.log(`${pad(f.name, 40)}${pad(value, 16)}${pad(f.unit, 14)}${baseline}`);
}
const targets = JSON.parse(readFileSync(new URL('../bench/targets.json', import.meta.url), 'utf8'));
delete targets.$comment;
const report = new URL('../bench/REPORT.md', import.meta.url);
writeFileSync(
  report,
  `${renderReport(list, targets, { generatedAt: new Date().toISOString().slice(0, 10) })}\n`,
);
console.log(`\n${list.length} figures in bench/results.json; the report is in bench/REPORT.md`);
