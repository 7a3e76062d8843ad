// Collects what each package's benchmark runner wrote to bench/results/<package>.json into
// bench/results.json (one list of figures, sorted by name: only figures produced by the runs whose
// files are there) and writes bench/REPORT.md: measured figures next to their targets
// (bench/targets.json) and baselines, the other kinds apart, and the benchmarks that failed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderReport } from './bench-report.mjs';

/**
 * @param {{ extraFailures?: { bench: string, error: string }[] }} [options]
 * @returns {{ figures: number, failures: number }}
 */
export function collectBench(options = {}) {
  const dir = new URL('../bench/results/', import.meta.url);
  const figures = new Map();
  const failures = [...(options.extraFailures ?? [])];
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const results = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
      for (const figure of results.figures ?? []) {
        if (figures.has(figure.name)) {
          failures.push({
            bench: figure.provenance?.bench ?? file,
            error: `${figure.name} is produced twice`,
          });
        }
        figures.set(figure.name, figure);
      }
      failures.push(...(results.failures ?? []));
    }
  }
  const list = [...figures.values()].sort((a, b) => a.name.localeCompare(b.name));
  writeFileSync(
    new URL('../bench/results.json', import.meta.url),
    `${JSON.stringify(list, null, 2)}\n`,
  );
  const targets = JSON.parse(
    readFileSync(new URL('../bench/targets.json', import.meta.url), 'utf8'),
  );
  delete targets.$comment;
  writeFileSync(
    new URL('../bench/REPORT.md', import.meta.url),
    `${renderReport(list, targets, { generatedAt: new Date().toISOString().slice(0, 10), failures })}\n`,
  );
  console.log(
    `\n${list.length} figures in bench/results.json; the report is in bench/REPORT.md` +
      (failures.length ? `; ${failures.length} benchmark(s) failed` : ''),
  );
  return { figures: list.length, failures: failures.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { failures } = collectBench();
  process.exitCode = failures > 0 ? 1 : 0;
}
