import {
  CoordinatorError,
  type Receipt,
  type SubmitContributionsRequest,
  verifyReceiptBatch,
} from '@plaza/protocol';
import { seededRandom } from '@plaza/test-kit/random';
import { createSimulatedDevice, type SimulatedDevice } from './create-simulated-device.ts';
import type { GeneratedPage } from './generate-pages.ts';

/** Options of {@link runDeviceSwarm}. */
export interface RunDeviceSwarmOptions {
  /** The coordinator processes; device `i` starts at `baseUrls[i % n]` and rotates per request. */
  baseUrls: readonly string[];
  devices: number;
  /** The simulated web: what each URL serves. */
  pages: ReadonlyMap<string, GeneratedPage>;
  /** Jobs per lease request. @default 4 */
  maxPerLease?: number;
  /** Every device whose index is a multiple of this abandons its first lease (0: none). @default 0 */
  abandonEvery?: number;
  /** Stop when this much time has passed, drained or not. */
  deadlineMs: number;
  /** Lease requests per device at most, drained or not. */
  maxLoopsPerDevice: number;
  /** @default 1 */
  seed?: number;
}

/** A swarm failure that is not a per-item result: a thrown error of a request. */
export interface SwarmRequestError {
  device: string;
  request: 'lease' | 'submit';
  code: string;
  message: string;
}

/** What the swarm did and saw. */
export interface DeviceSwarmResult {
  /** Every receipt the devices were given, by contribution id. */
  receipts: Map<string, Receipt>;
  /** URLs no device got a receipt for (empty when drained). */
  remaining: Set<string>;
  leases: number;
  emptyLeases: number;
  submits: number;
  /** Receipt batches whose coordinator signature did not verify. */
  badReceiptSignatures: number;
  /** Per-item errors of submissions, by code. */
  itemErrors: Map<string, number>;
  requestErrors: SwarmRequestError[];
  /** Requests each coordinator answered. */
  requestsByCoordinator: Map<string, number>;
  /**
   * Late submissions of the abandoned leases, made after the swarm drained: the error code of each
   * refused request, or per item `RECEIPT` / its error code when the request was answered 200.
   */
  lateSubmissions: { code: string; status: number }[];
  /** Jobs of the abandoned leases. */
  abandonedJobs: number;
  elapsedMs: number;
}

/**
 * Runs simulated devices in parallel against one or several coordinator processes until the
 * frontier is drained (every page URL has a receipt) or a bound is hit. Each device loops lease →
 * "fetch" (a lookup in `pages`) → sign → submit; an empty lease makes it wait 100–300 ms (shorter
 * than the coordinator's `retryAfterMs`, to keep tests short). Devices picked by `abandonEvery`
 * keep their first lease's signed batch and send it only after the swarm is done, when the lease
 * has expired. Requests that fail are recorded and the device goes on.
 */
export async function runDeviceSwarm(options: RunDeviceSwarmOptions): Promise<DeviceSwarmResult> {
  const started = performance.now();
  const random = seededRandom(options.seed ?? 1);
  const run: SwarmRun = {
    options,
    result: emptySwarmResult(options),
    deadline: Date.now() + options.deadlineMs,
    abandoned: [],
  };
  const devices = await Promise.all(
    Array.from({ length: options.devices }, (_, i) =>
      createSimulatedDevice({ baseUrl: options.baseUrls, startAt: i % options.baseUrls.length }),
    ),
  );
  const sleeps = devices.map(() => 100 + Math.floor(random() * 200));
  await Promise.all(
    devices.map((device, index) => runSwarmDevice(run, device, index, sleeps[index]!)),
  );
  await submitAbandonedBatches(run.result, run.abandoned);
  run.result.elapsedMs = performance.now() - started;
  return run.result;
}

/** A swarm in progress: its options, the result being filled in, and the batches held back. */
interface SwarmRun {
  options: RunDeviceSwarmOptions;
  result: DeviceSwarmResult;
  /** Epoch ms after which devices stop looping. */
  deadline: number;
  abandoned: { device: SimulatedDevice; body: SubmitContributionsRequest }[];
}

/** A result with nothing counted yet and every page remaining. */
function emptySwarmResult(options: RunDeviceSwarmOptions): DeviceSwarmResult {
  return {
    receipts: new Map(),
    remaining: new Set(options.pages.keys()),
    leases: 0,
    emptyLeases: 0,
    submits: 0,
    badReceiptSignatures: 0,
    itemErrors: new Map(),
    requestErrors: [],
    requestsByCoordinator: new Map(options.baseUrls.map((url) => [url, 0])),
    lateSubmissions: [],
    abandonedJobs: 0,
    elapsedMs: 0,
  };
}

/**
 * One device's loop: lease, "fetch", sign, submit (or hold back its first batch when picked by
 * `abandonEvery`), waiting `sleepMs` after a failed or empty lease, until drained or bounded.
 */
async function runSwarmDevice(
  run: SwarmRun,
  device: SimulatedDevice,
  index: number,
  sleepMs: number,
): Promise<void> {
  const { options, result } = run;
  let shouldAbandon = options.abandonEvery ? index % options.abandonEvery === 0 : false;
  for (
    let loop = 0;
    loop < options.maxLoopsPerDevice && result.remaining.size > 0 && Date.now() < run.deadline;
    loop++
  ) {
    countRequest(result, device);
    let jobs: { jobId: string; url: string }[];
    try {
      jobs = (await device.lease({ max: options.maxPerLease ?? 4 })).lease.jobs;
      result.leases++;
    } catch (error) {
      recordError(result, device, 'lease', error);
      await sleep(sleepMs);
      continue;
    }
    if (jobs.length === 0) {
      result.emptyLeases++;
      await sleep(sleepMs);
      continue;
    }
    const items = jobs.map((job) => {
      const page = options.pages.get(job.url);
      if (!page) throw new Error(`Job ${job.jobId} is for ${job.url}, which no page serves.`);
      return device.contribution(job, { text: page.text, title: page.title });
    });
    const body = await device.sign(items);
    if (shouldAbandon) {
      shouldAbandon = false;
      run.abandoned.push({ device, body });
      result.abandonedJobs += items.length;
      continue;
    }
    countRequest(result, device);
    await submitSwarmBatch(result, device, body, jobs);
  }
}

/** Counts a request against the coordinator the device sends its next request to. */
function countRequest(result: DeviceSwarmResult, device: SimulatedDevice): void {
  const url = device.nextBaseUrl();
  result.requestsByCoordinator.set(url, (result.requestsByCoordinator.get(url) ?? 0) + 1);
}

/** Records a coordinator error of a device's request; rethrows anything else. */
function recordError(
  result: DeviceSwarmResult,
  device: SimulatedDevice,
  request: 'lease' | 'submit',
  error: unknown,
): void {
  if (!(error instanceof CoordinatorError)) throw error;
  result.requestErrors.push({
    device: device.address,
    request,
    code: error.code,
    message: error.message,
  });
}

/**
 * Submits one signed batch; records its receipts (and the pages they cover), its item errors, and
 * whether the receipt batch's signature is the coordinator's. A failed request is recorded.
 */
async function submitSwarmBatch(
  result: DeviceSwarmResult,
  device: SimulatedDevice,
  body: SubmitContributionsRequest,
  jobs: readonly { url: string }[],
): Promise<void> {
  try {
    const response = await device.submit(body);
    result.submits++;
    const receipts: Receipt[] = [];
    for (const [i, item] of response.results.entries()) {
      if (item.ok) {
        receipts.push(item.receipt);
        result.receipts.set(item.receipt.contributionId, item.receipt);
        result.remaining.delete(jobs[i]!.url);
      } else {
        result.itemErrors.set(item.error.code, (result.itemErrors.get(item.error.code) ?? 0) + 1);
      }
    }
    if (response.receiptBatch) {
      const valid = await verifyReceiptBatch({
        chainId: device.coordinator.chainId,
        receipts,
        batch: response.receiptBatch,
      });
      const signer = response.receiptBatch.coordinator.toLowerCase();
      if (!valid || signer !== device.coordinator.address.toLowerCase()) {
        result.badReceiptSignatures++;
      }
    }
  } catch (error) {
    recordError(result, device, 'submit', error);
  }
}

/** Sends the held-back batches now that their leases expired; records how each was answered. */
async function submitAbandonedBatches(
  result: DeviceSwarmResult,
  abandoned: SwarmRun['abandoned'],
): Promise<void> {
  for (const { device, body } of abandoned) {
    try {
      const response = await device.submit(body);
      for (const item of response.results) {
        result.lateSubmissions.push({ code: item.ok ? 'RECEIPT' : item.error.code, status: 200 });
      }
    } catch (error) {
      if (!(error instanceof CoordinatorError)) throw error;
      result.lateSubmissions.push({ code: error.code, status: error.status });
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
