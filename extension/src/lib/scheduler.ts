import { CoordinatorError } from '@plaza/protocol';
import type { BackgroundFailure } from './activity-log.ts';
import { decideWork, type IdleReason, type WorkEnvironment } from './controls.ts';
import type { CoordinatorSession, CoordinatorSessions } from './coordinator-session.ts';
import type { Outbox } from './outbox.ts';
import { createJobProcessor, type JobProcessor, type JobProcessorDeps } from './process-job.ts';
import { quarantineDetail } from './quarantine-detail.ts';
import { loadSettings, type Settings } from './settings.ts';
import type { KeyValueStore } from './storage/key-value-store.ts';
import { createOutboxPump, type OutboxPump } from './worker/outbox-pump.ts';
import { type PipelineEnd, runPipeline } from './worker/pipeline.ts';
import { rerunWhileAsked } from './worker/rerun-while-asked.ts';
import { WORKER_STATUS_KEY, type WorkerStatus } from './worker-status.ts';

/** Everything the worker needs; the background script builds it from browser APIs. */
export interface WorkerDeps extends JobProcessorDeps {
  store: KeyValueStore;
  sessions: CoordinatorSessions;
  outbox: Outbox;
  readEnvironment: () => Promise<WorkEnvironment>;
}

/** What a work session ended with: when to look again. */
export interface WorkResult {
  status: WorkerStatus;
  /** Milliseconds until the next session should start. */
  nextWakeMs: number;
}

/** The work loop. */
export interface Worker {
  /**
   * Works until there is nothing to do or a control says stop. One session at a time: a call
   * during a session joins it, and the session starts over once more when it ends.
   */
  run(): Promise<WorkResult>;
  /** Aborts the fetches in flight (pause); their jobs are not submitted. */
  abort(): void;
}

/** A quarantined device asks again this rarely (the coordinator may have lifted the quarantine). */
const QUARANTINE_RECHECK_MS = 30 * 60_000;

/** What the session steps share: the dependencies and the clock. */
interface WorkerRuntime {
  deps: WorkerDeps;
  now: () => number;
}

/**
 * The extension's worker, driven by alarms and by setting changes. A session decides (controls),
 * registers, then runs the pipeline (`runPipeline`: lanes that lease ahead, fetch under the egress
 * policy, robots.txt and the byte budget, and sign results into the outbox, which is sent while
 * they go on). Controls are checked before every lease; a pause aborts fetches in flight.
 */
export function createWorker(deps: WorkerDeps): Worker {
  const runtime: WorkerRuntime = { deps, now: deps.now ?? Date.now };
  const processor = createJobProcessor(deps);
  // A fresh controller per pipeline: a pause aborts this one's fetches, never a later one's.
  let abort = new AbortController();
  const nextSignal = () => {
    abort = new AbortController();
    return abort.signal;
  };

  return {
    run: rerunWhileAsked(() => workSession(runtime, processor, nextSignal)),
    abort() {
      abort.abort(new Error('paused'));
    },
  };
}

/** One work session: pipelines one after the other until the controls or the work say stop. */
async function workSession(
  runtime: WorkerRuntime,
  processor: JobProcessor,
  nextSignal: () => AbortSignal,
): Promise<WorkResult> {
  const { deps } = runtime;
  const pump = createOutboxPump(deps.outbox, (error) => report(runtime, 'SEND_FAILED', '', error));
  for (;;) {
    const { settings, stop } = await checkControls(runtime);
    if (stop !== null) return stopFor(runtime, stop, pump);
    let session: CoordinatorSession;
    try {
      session = await deps.sessions.get(settings.coordinatorUrl);
    } catch (error) {
      await pump.settled();
      return idle(runtime, 'coordinator_unreachable', 10_000, message(error));
    }
    void pump.flush();
    const signal = nextSignal();
    await setStatus(runtime, { state: 'running' });
    const before = pump.acknowledged();
    const end = await runPipeline({
      session,
      settings,
      processor,
      outbox: deps.outbox,
      pump,
      check: async () => (await checkControls(runtime)).stop,
      signal,
      onJobError: (job, error) => report(runtime, 'JOB_FAILED', job.url, error),
    });
    const result = await afterPipeline(runtime, end, settings, pump, before);
    if (result !== 'again') return result;
  }
}

/** What a pipeline's end means for the session: a result, or `'again'` to run another. */
async function afterPipeline(
  runtime: WorkerRuntime,
  end: PipelineEnd,
  settings: Settings,
  pump: OutboxPump,
  acknowledgedBefore: number,
): Promise<WorkResult | 'again'> {
  await pump.settled();
  if (end.kind === 'failed') {
    const quarantine = quarantineDetail(end.error);
    if (quarantine !== null) {
      return idle(runtime, 'quarantined', QUARANTINE_RECHECK_MS, quarantine);
    }
    if (isUnauthorized(end.error)) await runtime.deps.sessions.reset(settings.coordinatorUrl);
    return idle(runtime, 'coordinator_unreachable', 5_000, message(end.error));
  }
  if (end.kind === 'drained') {
    if (pump.acknowledged() > acknowledgedBefore) return 'again';
    return idle(runtime, 'no_jobs', await outboxWakeMs(runtime, end.retryAfterMs));
  }
  // Stopped by a control: the next check says which.
  return 'again';
}

/** The session a control stopped: paused, or idle until the control may change. */
async function stopFor(
  runtime: WorkerRuntime,
  stop: IdleReason,
  pump: OutboxPump,
): Promise<WorkResult> {
  if (stop === 'paused') {
    await pump.settled();
    return idle(runtime, 'paused', 60_000);
  }
  await pump.flush();
  const wait = stop === 'daily_cap_reached' ? msUntilMidnight(runtime.now()) : 60_000;
  return idle(runtime, stop, await outboxWakeMs(runtime, wait));
}

/** Whether the controls let work go on now; the reason when not. */
async function checkControls(
  runtime: WorkerRuntime,
): Promise<{ settings: Settings; stop: IdleReason | null }> {
  const { deps } = runtime;
  const settings = await loadSettings(deps.store);
  const decision = decideWork(settings, await deps.readEnvironment(), await deps.usage.today());
  return { settings, stop: decision.run ? null : decision.reason };
}

/** Ends the session: usage written, the status shown, the next wake-up set. */
async function idle(
  runtime: WorkerRuntime,
  reason: IdleReason,
  waitMs: number,
  detail?: string,
): Promise<WorkResult> {
  await runtime.deps.usage.persist();
  const status = await setStatus(runtime, {
    state: reason === 'paused' ? 'paused' : 'idle',
    reason,
    nextCheckAt: runtime.now() + waitMs,
    ...(detail ? { detail: detail.slice(0, 500) } : {}),
  });
  return { status, nextWakeMs: waitMs };
}

async function setStatus(
  runtime: WorkerRuntime,
  status: Omit<WorkerStatus, 'at'>,
): Promise<WorkerStatus> {
  const full = { ...status, at: runtime.now() };
  await runtime.deps.store.set({ [WORKER_STATUS_KEY]: full });
  return full;
}

/** `fallback`, or sooner when a batch in the outbox is due to be retried. */
async function outboxWakeMs(runtime: WorkerRuntime, fallback: number): Promise<number> {
  const due = await runtime.deps.outbox.nextDueAt();
  return due === null ? fallback : Math.max(0, Math.min(fallback, due - runtime.now()));
}

/** What the console says for each background failure. */
const failureWords: Record<BackgroundFailure, string> = {
  JOB_FAILED: 'job failed',
  SEND_FAILED: 'sending failed',
};

/**
 * What went wrong where nobody waits for it: written to the activity log (an `error` entry the
 * person lending their browser can read and export) and to the console. Never throws: a log that
 * cannot be written is only warned about.
 */
function report(
  runtime: WorkerRuntime,
  failure: BackgroundFailure,
  url: string,
  error: unknown,
): void {
  console.warn(`Plaza: ${failureWords[failure]}`, url, error);
  const code = error instanceof CoordinatorError ? `${error.code}: ` : '';
  runtime.deps.activity
    .append({
      at: runtime.now(),
      kind: 'error',
      url,
      status: error instanceof CoordinatorError ? error.status : 0,
      bytes: 0,
      ms: 0,
      outcome: 'error',
      code: failure,
      message: `${code}${message(error)}`.slice(0, 500),
    })
    .catch((logError: unknown) => console.warn('Plaza: activity log write failed', logError));
}

function isUnauthorized(error: unknown): boolean {
  return (
    error instanceof CoordinatorError &&
    (error.code === 'UNAUTHORIZED' || error.code === 'DEVICE_NOT_REGISTERED')
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function msUntilMidnight(at: number): number {
  const next = new Date(at);
  next.setHours(24, 0, 0, 0);
  return Math.max(60_000, next.getTime() - at);
}
