import { CoordinatorError } from '@plaza/protocol';
import { seededRandom } from '@plaza/test-kit/random';
import { createSimulatedDevice } from '../harness/create-simulated-device.ts';

/** What `lease.bench.ts` asks of this process (JSON in `LEASE_LOAD_CONFIG`). */
export interface LeaseLoadConfig {
  baseUrl: string;
  devices: number;
  /** Leases started before this many ms (after every device registered) are not recorded. */
  warmupMs: number;
  /** Leases started in this window after the warm-up are recorded. */
  measureMs: number;
  maxPerLease: number;
  /** How long a device "fetches" its jobs before it submits them, uniform in [min, max] ms. */
  fetchMs: [number, number];
  /** Submit the jobs (as 404s) instead of letting them expire. */
  submit: boolean;
  seed: number;
}

/** What this process prints as `LEASE_LOAD_RESULT <json>`. */
export interface LeaseLoadResult {
  /** Client-side latency of each recorded lease request, ms. */
  latencies: number[];
  leases: number;
  emptyLeases: number;
  jobs: number;
  submits: number;
  errors: Record<string, number>;
  /** Length of the recorded window, ms. */
  windowMs: number;
}

/**
 * The load generator of `lease.bench.ts`, run in its own process so that the devices' signing and
 * HTTP work does not share a thread with the coordinator it measures. Each simulated device, started
 * at a random moment of the first second, loops: lease (up to `maxPerLease`) → "fetch" its jobs
 * (waits `fetchMs`) → lease again, leaving the jobs to expire (with `submit: true` it submits them
 * as fetch failures first, HTTP 404 without text, which frees their hosts at once). An empty lease
 * makes it wait the coordinator's `retryAfterMs`.
 */
async function main(): Promise<void> {
  const config = JSON.parse(process.env.LEASE_LOAD_CONFIG ?? '') as LeaseLoadConfig;
  const random = seededRandom(config.seed);
  const devices = [];
  for (let i = 0; i < config.devices; i += 20) {
    const chunk = Array.from({ length: Math.min(20, config.devices - i) }, () =>
      createSimulatedDevice({ baseUrl: config.baseUrl }),
    );
    devices.push(...(await Promise.all(chunk)));
  }
  const result: LeaseLoadResult = {
    latencies: [],
    leases: 0,
    emptyLeases: 0,
    jobs: 0,
    submits: 0,
    errors: {},
    windowMs: config.measureMs,
  };
  const countError = (error: unknown) => {
    if (!(error instanceof CoordinatorError)) throw error;
    result.errors[error.code] = (result.errors[error.code] ?? 0) + 1;
  };
  const started = performance.now();
  const measureFrom = started + config.warmupMs;
  const end = measureFrom + config.measureMs;
  const [fetchMin, fetchMax] = config.fetchMs;

  await Promise.all(
    devices.map(async (device) => {
      await sleep(random() * 1000);
      while (performance.now() < end) {
        const sent = performance.now();
        let jobs: { jobId: string; url: string }[];
        let retryAfterMs: number | undefined;
        try {
          ({
            lease: { jobs },
            retryAfterMs,
          } = await device.lease({ max: config.maxPerLease }));
        } catch (error) {
          countError(error);
          await sleep(1000);
          continue;
        }
        if (sent >= measureFrom && sent < end) {
          result.latencies.push(performance.now() - sent);
          result.leases++;
          result.jobs += jobs.length;
          if (jobs.length === 0) result.emptyLeases++;
        }
        if (jobs.length === 0) {
          await sleep(Math.min(retryAfterMs ?? 1000, 5000));
          continue;
        }
        await sleep(fetchMin + random() * (fetchMax - fetchMin));
        if (!config.submit) continue;
        const items = jobs.map((job) => device.contribution(job, { text: '', httpStatus: 404 }));
        try {
          await device.submit(await device.sign(items));
          result.submits++;
        } catch (error) {
          countError(error);
        }
      }
    }),
  );
  process.stdout.write(`LEASE_LOAD_RESULT ${JSON.stringify(result)}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

await main();
