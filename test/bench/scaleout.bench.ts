import { availableParallelism } from 'node:os';
import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { generatePages } from '../harness/generate-pages.ts';
import { measure, type ScaleoutMeasurement, SITE } from './scaleout-measure.ts';

const MEASURE_MS = Number(process.env.BENCH_SCALEOUT_SECONDS ?? 20) * 1000;
/** Coordinator processes of each run, on one PostgreSQL: throughput at 1, 2 and 3. */
const PROCESS_COUNTS = [1, 2, 3] as const;

/**
 * Scale-out on PostgreSQL: 1, 2 and 3 `plaza start` processes on one database behind a
 * round-robin front (`test/harness/round-robin-front.ts`), 500 simulated devices (real keys and
 * signatures, their own process) looping lease → sign → submit as fast as they are answered, for
 * a 20 s window after a 5 s warm-up, each run on a fresh database. With no pause between requests
 * the coordinators run at capacity: the throughput is what the deployment sustains, and the
 * latency is mostly time queued behind the other 499 devices (a closed loop: p50 ≈ devices ÷
 * requests per second). Figures: contributions acknowledged per second at each process count
 * (the one-process run is the baseline of the others), p50/p99 of every device request started
 * in the window, and the guarantees over all runs, checked against the database and the devices'
 * own records: URLs leased to two devices at once, content stored as two items, receipts a device
 * holds that the database lacks. Every process, PostgreSQL and the load generator share this
 * machine's cores (`scaleout.cores`): on 2 cores more processes cannot add CPU, only show that
 * nothing breaks and what the coordination costs. `BENCH_SCALEOUT_SECONDS` and
 * `BENCH_SCALEOUT_DEVICES` shorten or shrink it. Skipped without `TEST_DATABASE_URL`.
 */
export const run: BenchRun = async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    console.log(
      '  scaleout: skipped: TEST_DATABASE_URL is not set (point it at a PostgreSQL server).',
    );
    return [];
  }
  const started = performance.now();
  const site = generatePages(SITE);
  console.log(
    `  scaleout: ${site.pages.length} pages over ${site.hosts.length} hosts generated in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s; ${availableParallelism()} cores`,
  );
  const runs: ScaleoutMeasurement[] = [];
  for (const processes of PROCESS_COUNTS) {
    runs.push(
      await measure({
        label: processes === 1 ? 'one coordinator' : `${processes} coordinators`,
        processes,
        measureMs: MEASURE_MS,
        serverUrl,
        site,
      }),
    );
  }
  const [one, two, three] = runs as [ScaleoutMeasurement, ScaleoutMeasurement, ScaleoutMeasurement];
  const versus = (value: number) => ({ name: `${one.label} (same run)`, value });
  const total = (pick: (m: ScaleoutMeasurement) => number) => runs.reduce((n, m) => n + pick(m), 0);
  const rate = (name: string, m: ScaleoutMeasurement, baseline: boolean): BenchFigure => ({
    name,
    kind: 'measured',
    value: round(m.contributionsPerSecond),
    unit: 'contributions/s',
    better: 'higher',
    ...(baseline ? { baseline: versus(round(one.contributionsPerSecond)) } : {}),
  });
  return [
    rate('scaleout.contributions_per_s', three, true),
    rate('scaleout.contributions_per_s_2_processes', two, true),
    rate('scaleout.contributions_per_s_1_process', one, false),
    {
      name: 'scaleout.cores',
      kind: 'measured',
      value: availableParallelism(),
      unit: 'cores',
      better: 'higher',
    },
    {
      name: 'scaleout.p50_ms',
      kind: 'measured',
      value: round(three.p50),
      unit: 'ms',
      better: 'lower',
      baseline: versus(round(one.p50)),
    },
    {
      name: 'scaleout.p99_ms',
      kind: 'measured',
      value: round(three.p99),
      unit: 'ms',
      better: 'lower',
      baseline: versus(round(one.p99)),
    },
    ...(
      [
        ['double_leases', 'leases', (m: ScaleoutMeasurement) => m.doubleLeases],
        ['duplicate_items', 'items', (m: ScaleoutMeasurement) => m.duplicateItems],
        ['lost_receipts', 'receipts', (m: ScaleoutMeasurement) => m.lostReceipts],
      ] as const
    ).map(
      ([name, unit, pick]): BenchFigure => ({
        name: `scaleout.${name}`,
        kind: 'measured',
        value: total(pick),
        unit,
        better: 'lower',
        target: { op: '<=', value: 0 },
      }),
    ),
  ];
};

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
