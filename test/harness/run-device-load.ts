import { CoordinatorError, type SubmitContributionsRequest } from '@plaza/protocol';
import { seededRandom } from '@plaza/test-kit/random';
import { createSimulatedDevice, type SimulatedDevice } from './create-simulated-device.ts';
import {
  type DeviceLoadRecorder,
  startDeviceLoadRecorder,
  startProgressReports,
} from './device-load-recorder.ts';
import type { DeviceLoadResult, RunDeviceLoadOptions } from './device-load-types.ts';

export type * from './device-load-types.ts';

/**
 * Runs simulated devices (real keys, real signatures, the protocol's own client) in parallel, each
 * looping lease → "fetch" (a lookup in `pages`) → sign → submit, the way the extension does, and
 * records what each one was given. Unlike `runDeviceSwarm`, a device holds on to a signed batch
 * whose submission failed in a retryable way (no connection, a 5xx such as a lost backend or an
 * unavailable database) and sends the same bytes again with backoff, so that an acknowledged
 * contribution can be checked against the database after failures; resubmitting is idempotent on
 * the coordinator. Devices stop leasing at `durationMs` (or when drained) and finish their pending
 * batches within `retryGraceMs`.
 */
export async function runDeviceLoad(options: RunDeviceLoadOptions): Promise<DeviceLoadResult> {
  const random = seededRandom(options.seed ?? 1);
  const registerStarted = performance.now();
  const devices = await registerDevices(options);
  const recorder = startDeviceLoadRecorder(options, performance.now() - registerStarted);
  const stopProgress = startProgressReports(options, recorder);
  try {
    await Promise.all(devices.map((device) => runLoadDevice(options, recorder, device, random)));
  } finally {
    stopProgress();
  }
  recorder.result.elapsedMs = recorder.since();
  return recorder.result;
}

/** Registers `options.devices` devices, `registerConcurrency` at a time, rotating over the URLs. */
async function registerDevices(
  options: Pick<RunDeviceLoadOptions, 'baseUrl' | 'devices' | 'registerConcurrency'>,
): Promise<SimulatedDevice[]> {
  const baseUrls = typeof options.baseUrl === 'string' ? [options.baseUrl] : options.baseUrl;
  const devices: SimulatedDevice[] = [];
  const concurrency = options.registerConcurrency ?? 25;
  for (let i = 0; i < options.devices; i += concurrency) {
    const chunk = Array.from({ length: Math.min(concurrency, options.devices - i) }, (_, j) =>
      withRetries(() =>
        createSimulatedDevice({ baseUrl: baseUrls, startAt: (i + j) % baseUrls.length }),
      ),
    );
    devices.push(...(await Promise.all(chunk)));
  }
  return devices;
}

/** One device's loop: lease, "fetch", sign, submit until answered, while the run keeps leasing. */
async function runLoadDevice(
  options: RunDeviceLoadOptions,
  recorder: DeviceLoadRecorder,
  device: SimulatedDevice,
  random: () => number,
): Promise<void> {
  const maxIdleMs = options.maxIdleMs ?? 500;
  // Spread the first requests over the first half second.
  await sleep(random() * 500);
  while (recorder.keepLeasing()) {
    const leased = await leaseForDevice(options, recorder, device, random);
    if (leased === 'failed') continue;
    const { jobs, retryAfterMs } = leased;
    if (jobs.length === 0) {
      await sleep(Math.min(maxIdleMs, retryAfterMs ?? maxIdleMs) * (0.5 + random() / 2));
      continue;
    }
    const items = jobs.map((job) => {
      const page = options.pages.get(job.url);
      if (!page) throw new Error(`Job ${job.jobId} is for ${job.url}, which no page serves.`);
      return device.contribution(job, { text: page.text, title: page.title });
    });
    const body = await device.sign(items);
    await submitUntilAnswered(
      recorder,
      device,
      body,
      jobs.map((job) => job.url),
      random,
    );
  }
}

/**
 * Asks for a lease and records the jobs given; on a coordinator error counts it, waits a little
 * and answers `'failed'`.
 */
async function leaseForDevice(
  options: Pick<RunDeviceLoadOptions, 'maxPerLease'>,
  recorder: DeviceLoadRecorder,
  device: SimulatedDevice,
  random: () => number,
): Promise<
  { jobs: { jobId: string; url: string }[]; retryAfterMs: number | undefined } | 'failed'
> {
  let answer: Awaited<ReturnType<SimulatedDevice['lease']>>;
  try {
    answer = await recorder.timed('lease', () => device.lease({ max: options.maxPerLease ?? 4 }));
  } catch (error) {
    recorder.countError(error);
    await sleep(100 + random() * 200);
    return 'failed';
  }
  const jobs = answer.lease.jobs;
  const expiresAt = Date.parse(answer.lease.expiresAt);
  const receivedAt = Date.now();
  for (const job of jobs) {
    recorder.result.leases.push({
      jobId: job.jobId,
      url: job.url,
      device: device.address,
      receivedAt,
      expiresAt,
    });
  }
  return { jobs, retryAfterMs: answer.retryAfterMs };
}

/** Sends one signed batch until it is answered, or fails for good; records the receipts. */
async function submitUntilAnswered(
  recorder: DeviceLoadRecorder,
  device: SimulatedDevice,
  body: SubmitContributionsRequest,
  urls: readonly string[],
  random: () => number,
): Promise<void> {
  const { result } = recorder;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await recorder.timed('submit', () => device.submit(body));
      for (const [i, item] of response.results.entries()) {
        if (item.ok) {
          result.receipts.set(item.receipt.contributionId, {
            receipt: item.receipt,
            device: device.address,
            url: urls[i]!,
            atMs: recorder.since(),
          });
          result.remaining.delete(urls[i]!);
        } else {
          result.itemErrors[item.error.code] = (result.itemErrors[item.error.code] ?? 0) + 1;
        }
      }
      return;
    } catch (error) {
      recorder.countError(error);
      const retryable = (error as CoordinatorError).retryable;
      if (!retryable || recorder.isPastGrace()) {
        result.abandonedBatches++;
        return;
      }
      result.retries++;
      await sleep(Math.min(2_000, 100 * 2 ** attempt) * (0.5 + random()));
    }
  }
}
/** Runs `work` again (up to 20 times) while it fails with a retryable coordinator error. */
async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof CoordinatorError) || !error.retryable || attempt >= 20) throw error;
      await sleep(200 * attempt);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
