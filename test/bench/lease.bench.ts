import { type BenchFigure, type BenchRun, percentile } from '@plaza/test-kit/bench';
import { createPostgresDatabase } from '../harness/create-postgres-database.ts';
import type { LeaseLoadResult } from './lease-load.ts';
import { type LeaseMeasurement, measure } from './lease-measure.ts';

/**
 * Lease latency with 200 concurrent simulated devices against a frontier of 25,000 URLs over 5,000
 * hosts. Each device loops: lease (max 4) → "fetch" for 1–3 s → lease again, leaving its jobs to
 * expire after 5 s (the shortest lease) so work keeps flowing. The coordinator is `startCoordinator` from
 * `@plaza/coordinator` in this process (background loops on, hosts' robots.txt marked fetched
 * beforehand); the devices run in a child process and time each `POST /v1/leases` for 20 s after
 * a 3 s warm-up.
 *
 * Each variant measures two windows on one coordinator: the lease load alone (the baseline), then
 * the same while this process submits 10,000 pre-signed contributions of ~4 KB (4 devices,
 * batches of 50, their jobs granted for an hour by SQL in setup) as fast as the coordinator takes
 * them: ingest at full speed. Variants:
 * `lease.*` (PGlite as the coordinator runs it, target p99 < 50 ms), `lease.postgres.*` (with
 * `TEST_DATABASE_URL`, analyzed as autovacuum would have, target < 20 ms), and
 * `lease.p99_ms_100k_devices_1m_jobs`: the lease load alone on a database holding 100,000 devices
 * and 1,000,000 old jobs (PostgreSQL when available, else PGlite). Leases come from the ready
 * queue (the default); `baseline` adds `lease.statement_per_lease.*` and
 * `lease.postgres.statement_per_lease.*`, the same measurements with `PLAZA_LEASE_QUEUE_SIZE=0`
 * (one lease statement per request, as before the queue), in the same run. `BENCH_LEASE_TARGETS`
 * picks variants (`pglite,postgres,history,baseline`), `BENCH_LEASE_SECONDS` the window.
 */
export const run: BenchRun = async () => {
  const targets = new Set(
    (process.env.BENCH_LEASE_TARGETS ?? 'pglite,postgres,history,baseline')
      .split(',')
      .map((t) => t.trim()),
  );
  const serverUrl = process.env.TEST_DATABASE_URL;
  const figures: BenchFigure[] = [];
  if (targets.has('pglite')) {
    const m = await measure({ label: 'pglite', ingest: true });
    figures.push(...busyFigures('lease', m, 50));
    if (targets.has('baseline')) {
      const b = await measure({ label: 'pglite, statement per lease', ingest: true, queueSize: 0 });
      figures.push(...busyFigures('lease.statement_per_lease', b, null));
    }
  }
  if (serverUrl && targets.has('postgres')) {
    const m = await withPostgres(serverUrl, (url) =>
      measure({ label: 'postgres', databaseUrl: url, analyze: true, ingest: true }),
    );
    figures.push(...busyFigures('lease.postgres', m, 20));
    if (targets.has('baseline')) {
      const b = await withPostgres(serverUrl, (url) =>
        measure({
          label: 'postgres, statement per lease',
          databaseUrl: url,
          analyze: true,
          ingest: true,
          queueSize: 0,
        }),
      );
      figures.push(...busyFigures('lease.postgres.statement_per_lease', b, null));
    }
  }
  if (targets.has('history')) {
    const history = { devices: 100_000, jobs: 1_000_000 };
    const m = serverUrl
      ? await withPostgres(serverUrl, (url) =>
          measure({
            label: 'postgres, 100k devices, 1M jobs',
            databaseUrl: url,
            analyze: true,
            ingest: false,
            history,
          }),
        )
      : await measure({
          label: 'pglite, 100k devices, 1M jobs',
          analyze: true,
          ingest: false,
          history,
        });
    figures.push({
      name: 'lease.p99_ms_100k_devices_1m_jobs',
      kind: 'measured',
      value: round(percentile(m.idle.latencies, 0.99)),
      unit: 'ms',
      better: 'lower',
      target: { op: '<', value: 20 },
    });
  }
  return figures;
};

/** Runs `work` on a fresh database of the PostgreSQL server, dropped afterwards. */
async function withPostgres<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const database = await createPostgresDatabase(serverUrl);
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
}

/** A variant's figures under ingest, each beside the same lease load alone. */
function busyFigures(prefix: string, m: LeaseMeasurement, target: number | null): BenchFigure[] {
  const busy = m.busy!;
  const alone = `the same lease load without ingest (same run)`;
  const at = (r: LeaseLoadResult, q: number) => round(percentile(r.latencies, q));
  const ingestRate = busy.ingest.contributions / busy.ingest.seconds;
  return [
    {
      name: `${prefix}.p50_ms`,
      kind: 'measured',
      value: at(busy, 0.5),
      unit: 'ms',
      better: 'lower',
      baseline: { name: alone, value: at(m.idle, 0.5) },
    },
    {
      name: `${prefix}.p99_ms`,
      kind: 'measured',
      value: at(busy, 0.99),
      unit: 'ms',
      better: 'lower',
      baseline: { name: alone, value: at(m.idle, 0.99) },
      ...(target === null ? {} : { target: { op: '<' as const, value: target } }),
    },
    {
      name: `${prefix}.leases_per_s`,
      kind: 'measured',
      value: round(busy.leases / (busy.windowMs / 1000)),
      unit: 'leases/s',
      better: 'higher',
      baseline: { name: alone, value: round(m.idle.leases / (m.idle.windowMs / 1000)) },
    },
    {
      name: `${prefix}.ingest_during_leases_per_s`,
      kind: 'measured',
      value: round(ingestRate),
      unit: 'contributions/s',
      better: 'higher',
    },
  ];
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
