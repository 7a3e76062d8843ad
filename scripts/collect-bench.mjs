// Merges the figures each package's benchmark wrote to bench/results/<package>.json into
// bench/results.json (one list, sorted by name) and prints them next to their baselines.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

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
console.log(`\n${list.length} figures in bench/results.json`);
