/**
 * What a running device load records while its devices run: every lease, request, receipt and
 * error, with the clock the run measures them by and the moments it stops leasing and gives up.
 */
import { CoordinatorError } from '@plaza/protocol';
import type {
  DeviceLoadProgress,
  DeviceLoadResult,
  RunDeviceLoadOptions,
  TimedRequest,
} from './device-load-types.ts';

/** The result being filled in, and the run's clock and limits. */
export interface DeviceLoadRecorder {
  result: DeviceLoadResult;
  /** Ms since the devices started. */
  since(): number;
  /** Whether devices should still lease: before `durationMs`, and not drained when asked to stop. */
  keepLeasing(): boolean;
  /** Whether the retry grace period after `durationMs` is over. */
  isPastGrace(): boolean;
  /** Counts a coordinator error by code (and keeps its first message); rethrows anything else. */
  countError(error: unknown): void;
  /** Runs one request, recording its kind, start, duration and outcome. */
  timed<T>(kind: TimedRequest['kind'], work: () => Promise<T>): Promise<T>;
}

/** Starts the run's clock now, with an empty result. */
export function startDeviceLoadRecorder(
  options: Pick<RunDeviceLoadOptions, 'pages' | 'durationMs' | 'retryGraceMs' | 'stopWhenDrained'>,
  registerMs: number,
): DeviceLoadRecorder {
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
  return {
    result,
    since,
    keepLeasing: () =>
      performance.now() < leaseUntil && !(options.stopWhenDrained && result.remaining.size === 0),
    isPastGrace: () => performance.now() > giveUpAt,
    countError: (error) => {
      if (!(error instanceof CoordinatorError)) throw error;
      result.requestErrors[error.code] = (result.requestErrors[error.code] ?? 0) + 1;
      result.errorMessages[error.code] ??= error.message;
    },
    timed: async (kind, work) => {
      const atMs = since();
      try {
        const value = await work();
        result.requests.push({ kind, atMs, ms: since() - atMs, ok: true });
        return value;
      } catch (error) {
        result.requests.push({ kind, atMs, ms: since() - atMs, ok: false });
        throw error;
      }
    },
  };
}

/** Calls `onProgress` every `progressEveryMs` with a snapshot; returns how to stop (a no-op without). */
export function startProgressReports(
  options: Pick<RunDeviceLoadOptions, 'onProgress' | 'progressEveryMs'>,
  recorder: DeviceLoadRecorder,
): () => void {
  const { onProgress } = options;
  if (!onProgress) return () => {};
  const { result } = recorder;
  const snapshot = (): DeviceLoadProgress => ({
    elapsedMs: recorder.since(),
    receipts: result.receipts.size,
    leasedJobs: result.leases.length,
    requestErrors: Object.values(result.requestErrors).reduce((a, b) => a + b, 0),
    retries: result.retries,
  });
  const timer = setInterval(() => onProgress(snapshot()), options.progressEveryMs ?? 5_000);
  return () => clearInterval(timer);
}
