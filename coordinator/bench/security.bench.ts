import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { getRequestListener } from '@hono/node-server';
import { type BenchFigure, type BenchRun, percentile } from '@plaza/test-kit/bench';
import { createTestApp } from '#testing/create-test-app.ts';
import { legacyBodyApp } from './legacy-body-app.ts';
import type { SecurityLoadConfig, SecurityLoadResult } from './security-load.ts';

/** Health probes in each phase. */
const PROBES = Number(process.env.BENCH_SECURITY_PROBES ?? 200);
/** Also measure the handling before issue 15 (12 bodies took 52 s and 2.7 GB there). */
const WITH_LEGACY = process.env.BENCH_SECURITY_LEGACY === '1';

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Serves `fetch` on 127.0.0.1 and runs the load thread against it. */
async function measure(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  load: Omit<SecurityLoadConfig, 'url'>,
): Promise<SecurityLoadResult> {
  const server = createServer(getRequestListener(fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Worker threads do not inherit tsx's loader: the worker registers it, then loads its module.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./security-load.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: { url, ...load } },
  );
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  try {
    return await new Promise<SecurityLoadResult>((resolve, reject) => {
      worker.on(
        'message',
        (message: { type: string; result?: SecurityLoadResult; message?: string }) => {
          if (message.type === 'result') resolve(message.result!);
          else reject(new Error(message.message));
        },
      );
      worker.once('error', reject);
    });
  } finally {
    delay.disable();
    console.log(
      `  server event loop delay: p99 ${round(delay.percentile(99) / 1e6)} ms, max ${round(delay.max / 1e6)} ms`,
    );
    await worker.terminate();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Issue 15, finding 3: one unauthenticated request must not stall the process. `/healthz` is
 * probed `PROBES` times from another thread (one at a time, 5 ms apart) while 12 clients keep
 * sending hostile bodies (8 MB JSON arrays of small numbers), one after the other each, to the
 * unauthenticated device registration of the coordinator's own app, served on loopback on
 * embedded PGlite. Baseline: the same probes just before, without hostile load. With
 * `BENCH_SECURITY_LEGACY=1`, the handling before the fix is measured the same way (20 probes).
 */
export const run: BenchRun = async () => {
  const t = await createTestApp();
  const load = {
    idleProbes: PROBES,
    hostileProbes: PROBES,
    attackers: 12,
    bodyBytes: 8 * 1024 * 1024,
    probeGapMs: 5,
  };
  try {
    const current = await measure(t.app.fetch, load);
    console.log(
      `  ${current.hostileBodies} hostile bodies answered ${JSON.stringify(current.hostileStatuses)} in ${round(current.hostileElapsedMs)} ms, ${current.hostileMs.length} probes meanwhile`,
    );
    const idle = round(percentile(current.idleMs, 0.99));
    const figures: BenchFigure[] = [
      {
        name: 'security.healthz_p99_ms_under_hostile_bodies',
        value: round(percentile(current.hostileMs, 0.99)),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
        baseline: { name: 'security.healthz_p99_ms_idle', value: idle },
        target: { op: '<', value: 100 },
      },
      {
        name: 'security.healthz_p99_ms_idle',
        value: idle,
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
      },
      {
        name: 'security.hostile_body_ms_mean',
        value: round((current.hostileElapsedMs * load.attackers) / current.hostileBodies),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
      },
    ];
    if (WITH_LEGACY) {
      const legacy = await measure(legacyBodyApp(t.deps).fetch, {
        ...load,
        idleProbes: 20,
        hostileProbes: 20,
      });
      console.log(
        `  before the fix: answered ${JSON.stringify(legacy.hostileStatuses)} in ${round(legacy.hostileElapsedMs)} ms`,
      );
      figures.push({
        name: 'security.healthz_p99_ms_under_hostile_bodies_before_fix',
        value: round(percentile(legacy.hostileMs, 0.99)),
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
      });
    }
    return figures;
  } finally {
    await t.close();
  }
};
