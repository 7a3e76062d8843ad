/**
 * The types of `runDeviceLoad` (run-device-load.ts): its options, and what the devices did and saw.
 */
import type { Receipt } from '@plaza/protocol';
import type { GeneratedPage } from './generate-pages.ts';

/** Options of `runDeviceLoad` (run-device-load.ts). */
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
