import { CoordinatorError, type Receipt, type SubmitContributionsRequest } from '@plaza/protocol';
import { seededRandom } from '@plaza/test-kit/random';
import { createSimulatedDevice, type SimulatedDevice } from './create-simulated-device.ts';
import type { GeneratedPage } from './generate-pages.ts';

/** Options of {@link runDeviceLoad}. */
export interface RunDeviceLoadOptions {
  /** Where the devices send requests: a front, or coordinator processes they rotate over. */
  baseUrl: string | readonly string[];
  devices: number;
  /** The simulated web: what each URL serves. */
  pages: ReadonlyMap<string, GeneratedPage>;
  /** Jobs per lease request. @default 4 */
  maxPerLease?: number;
  /** Devices stop leasing this long after they all registered. */
  durationMs: number;
  /** Stop leasing once every page has a receipt. @default false */
  stopWhenDrained?: boolean;
  /**
   * How long a signed batch is retried after `durationMs`, before the device gives it up. A batch
   * is retried as long as its answer is a retryable failure (no connection, 5xx). @default 30_000
   */
  retryGraceMs?: number;
  /** Longest wait after an empty lease (the coordinator's `retryAfterMs` is capped to it). @default 500 */
  maxIdleMs?: number;
  /** Devices registering at once. @default 25 */
  registerConcurrency?: number;
  /** Called every `progressEveryMs` while the devices run. */
  onProgress?: (progress: DeviceLoadProgress) => void;
  /** @default 5_000 */
  progressEveryMs?: number;
  /** @default 1 */
  seed?: number;
}

/** A snapshot of a running load, for progress lines. */
export interface DeviceLoadProgress {
  elapsedMs: number;
  receipts: number;
  leasedJobs: number;
  requestErrors: number;
  retries: number;
}

/** A receipt as a device holds it. */
export interface HeldReceipt {
  receipt: Receipt;
  device: `0x${string}`;
  url: string;
  /** When the answer carrying it arrived, ms since the devices started. */
  atMs: number;
}

/** A job as a device received it in a lease answer. */
export interface HeldLease {
  jobId: string;
  url: string;
  device: `0x${string}`;
  /** Epoch ms when the lease answer arrived. */
  receivedAt: number;
  /** Epoch ms of the lease's `expiresAt`. */
  expiresAt: number;
}

/** One request a device made: its kind, when it started (ms since start) and how long it took. */
export interface TimedRequest {
  kind: 'lease' | 'submit';
  atMs: number;
  ms: number;
  ok: boolean;
}

/** What the devices did and saw. */
export interface DeviceLoadResult {
  /** Every receipt the devices were given, by contribution id. */
  receipts: Map<string, HeldReceipt>;
  /** Every job the devices were leased. */
  leases: HeldLease[];
  /** Every request, timed from the device's side. */
  requests: TimedRequest[];
  /** URLs no device holds a receipt for. */
  remaining: Set<string>;
  /** Failed requests, by error code (`NETWORK` when nothing answered). */
  requestErrors: Record<string, number>;
  /** The first message seen of each request error code, for diagnosis. */
  errorMessages: Record<string, string>;
  /** Per-item errors of answered submissions, by code (e.g. `LEASE_EXPIRED`). */
  itemErrors: Record<string, number>;
  /** Submissions sent again after a retryable failure. */
  retries: number;
  /** Signed batches given up: a non-retryable failure, or still failing after the grace period. */
  abandonedBatches: number;
  /** From the first lease to the last answer, ms. */
  elapsedMs: number;
  /** Registering the devices took this long, ms (before `elapsedMs` starts). */
  registerMs: number;
}

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
  const maxPerLease = options.maxPerLease ?? 4;
  const maxIdleMs = options.maxIdleMs ?? 500;
  const random = seededRandom(options.seed ?? 1);
  const baseUrls = typeof options.baseUrl === 'string' ? [options.baseUrl] : options.baseUrl;

  const registerStarted = performance.now();
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
  const registerMs = performance.now() - registerStarted;

  const result: DeviceLoadResult = {
    receipts: new Map(),
    leases: [],
    requests: [],
    remaining: new Set(options.pages.keys()),
    requestErrors: {},
    errorMessages: {},
    itemErrors: {},
    retries: 0,
    abandonedBatches: 0,
    elapsedMs: 0,
    registerMs,
  };
  const started = performance.now();
  const since = () => performance.now() - started;
  const leaseUntil = started + options.durationMs;
  const giveUpAt = leaseUntil + (options.retryGraceMs ?? 30_000);
  const keepLeasing = () =>
    performance.now() < leaseUntil && !(options.stopWhenDrained && result.remaining.size === 0);
  const countError = (error: unknown) => {
    if (!(error instanceof CoordinatorError)) throw error;
    result.requestErrors[error.code] = (result.requestErrors[error.code] ?? 0) + 1;
    result.errorMessages[error.code] ??= error.message;
  };
  const timed = async <T>(kind: TimedRequest['kind'], work: () => Promise<T>): Promise<T> => {
    const atMs = since();
    try {
      const value = await work();
      result.requests.push({ kind, atMs, ms: since() - atMs, ok: true });
      return value;
    } catch (error) {
      result.requests.push({ kind, atMs, ms: since() - atMs, ok: false });
      throw error;
    }
  };

  const progress = options.onProgress
    ? setInterval(
        () =>
          options.onProgress?.({
            elapsedMs: since(),
            receipts: result.receipts.size,
            leasedJobs: result.leases.length,
            requestErrors: Object.values(result.requestErrors).reduce((a, b) => a + b, 0),
            retries: result.retries,
          }),
        options.progressEveryMs ?? 5_000,
      )
    : undefined;

  /** Sends one signed batch until it is answered, or fails for good; records the receipts. */
  const submitUntilAnswered = async (
    device: SimulatedDevice,
    body: SubmitContributionsRequest,
    urls: readonly string[],
  ) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await timed('submit', () => device.submit(body));
        for (const [i, item] of response.results.entries()) {
          if (item.ok) {
            result.receipts.set(item.receipt.contributionId, {
              receipt: item.receipt,
              device: device.address,
              url: urls[i]!,
              atMs: since(),
            });
            result.remaining.delete(urls[i]!);
          } else {
            result.itemErrors[item.error.code] = (result.itemErrors[item.error.code] ?? 0) + 1;
          }
        }
        return;
      } catch (error) {
        countError(error);
        const retryable = (error as CoordinatorError).retryable;
        if (!retryable || performance.now() > giveUpAt) {
          result.abandonedBatches++;
          return;
        }
        result.retries++;
        await sleep(Math.min(2_000, 100 * 2 ** attempt) * (0.5 + random()));
      }
    }
  };

  try {
    await Promise.all(
      devices.map(async (device) => {
        // Spread the first requests over the first half second.
        await sleep(random() * 500);
        while (keepLeasing()) {
          let jobs: { jobId: string; url: string }[];
          let expiresAt: number;
          let retryAfterMs: number | undefined;
          try {
            const answer = await timed('lease', () => device.lease({ max: maxPerLease }));
            jobs = answer.lease.jobs;
            expiresAt = Date.parse(answer.lease.expiresAt);
            retryAfterMs = answer.retryAfterMs;
          } catch (error) {
            countError(error);
            await sleep(100 + random() * 200);
            continue;
          }
          if (jobs.length === 0) {
            await sleep(Math.min(maxIdleMs, retryAfterMs ?? maxIdleMs) * (0.5 + random() / 2));
            continue;
          }
          const receivedAt = Date.now();
          for (const job of jobs) {
            result.leases.push({
              jobId: job.jobId,
              url: job.url,
              device: device.address,
              receivedAt,
              expiresAt,
            });
          }
          const items = jobs.map((job) => {
            const page = options.pages.get(job.url);
            if (!page) throw new Error(`Job ${job.jobId} is for ${job.url}, which no page serves.`);
            return device.contribution(job, { text: page.text, title: page.title });
          });
          const body = await device.sign(items);
          await submitUntilAnswered(
            device,
            body,
            jobs.map((job) => job.url),
          );
        }
      }),
    );
  } finally {
    if (progress) clearInterval(progress);
  }
  result.elapsedMs = since();
  return result;
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
