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
  const deadline = Date.now() + options.deadlineMs;
  const maxPerLease = options.maxPerLease ?? 4;
  const random = seededRandom(options.seed ?? 1);
  const result: DeviceSwarmResult = {
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
  const countRequest = (device: SimulatedDevice) => {
    const url = device.nextBaseUrl();
    result.requestsByCoordinator.set(url, (result.requestsByCoordinator.get(url) ?? 0) + 1);
  };
  const recordError = (device: SimulatedDevice, request: 'lease' | 'submit', error: unknown) => {
    if (error instanceof CoordinatorError) {
      result.requestErrors.push({
        device: device.address,
        request,
        code: error.code,
        message: error.message,
      });
    } else throw error;
  };

  const devices = await Promise.all(
    Array.from({ length: options.devices }, (_, i) =>
      createSimulatedDevice({ baseUrl: options.baseUrls, startAt: i % options.baseUrls.length }),
    ),
  );
  const abandoned: { device: SimulatedDevice; body: SubmitContributionsRequest }[] = [];
  const sleeps = devices.map(() => 100 + Math.floor(random() * 200));

  await Promise.all(
    devices.map(async (device, index) => {
      let shouldAbandon = options.abandonEvery ? index % options.abandonEvery === 0 : false;
      for (
        let loop = 0;
        loop < options.maxLoopsPerDevice && result.remaining.size > 0 && Date.now() < deadline;
        loop++
      ) {
        countRequest(device);
        let jobs: { jobId: string; url: string }[];
        try {
          jobs = (await device.lease({ max: maxPerLease })).lease.jobs;
          result.leases++;
        } catch (error) {
          recordError(device, 'lease', error);
          await sleep(sleeps[index]!);
          continue;
        }
        if (jobs.length === 0) {
          result.emptyLeases++;
          await sleep(sleeps[index]!);
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
          abandoned.push({ device, body });
          result.abandonedJobs += items.length;
          continue;
        }
        countRequest(device);
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
              result.itemErrors.set(
                item.error.code,
                (result.itemErrors.get(item.error.code) ?? 0) + 1,
              );
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
          recordError(device, 'submit', error);
        }
      }
    }),
  );

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
  result.elapsedMs = performance.now() - started;
  return result;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
