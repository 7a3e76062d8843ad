import type { Job, ParsedContributionItem } from '@plaza/protocol';
import { splitBatches } from '../contribution-batches.ts';
import { dailyCapBytes, type IdleReason } from '../controls.ts';
import type { CoordinatorSession } from '../coordinator-session.ts';
import type { Outbox } from '../outbox.ts';
import type { JobContext, JobProcessor } from '../process-job.ts';
import type { Settings } from '../settings.ts';
import type { OutboxPump } from './outbox-pump.ts';

/** Results signed and queued together; a full batch is sent while the next jobs are fetched. */
export const SEAL_ITEMS = 16;

/** Why a pipeline run ended. */
export type PipelineEnd =
  | { kind: 'drained'; retryAfterMs: number }
  | { kind: 'stopped'; reason: IdleReason }
  | { kind: 'failed'; error: unknown };

/** What one pipeline run works with. */
export interface PipelineParams {
  session: CoordinatorSession;
  settings: Settings;
  processor: Pick<JobProcessor, 'process'>;
  outbox: Pick<Outbox, 'add'>;
  pump: OutboxPump;
  /** The controls' verdict now: null to go on, or why to stop. Asked before every lease. */
  check: () => Promise<IdleReason | null>;
  /** Aborts the fetches in flight (pause). */
  signal: AbortSignal;
  /** A job that threw (a bug, not a refusal): logged, and the pipeline goes on. */
  onJobError: (job: Job, error: unknown) => void;
}

/** The state the lanes share while a pipeline runs. */
interface PipelineState {
  readonly params: PipelineParams;
  readonly queue: { job: Job; leaseEnds: number }[];
  readonly jobsById: Map<string, Job>;
  readonly ctx: JobContext;
  ready: ParsedContributionItem[];
  processing: number;
  leasing: Promise<void> | null;
  /** The last lease came back empty while jobs were still out: lease again after one ends. */
  leaseBlocked: boolean;
  end: PipelineEnd | null;
  changes: ChangeSignal;
}

/**
 * Leases, fetches and queues results until the queue runs dry or a control says stop:
 * `concurrency` lanes take jobs from a queue that is refilled by leasing ahead (a lease is asked
 * for while the last jobs are still being fetched); each job is processed under the session's
 * context; results are signed in batches (EIP-712) into the outbox, which the pump sends while the
 * lanes go on.
 */
export async function runPipeline(params: PipelineParams): Promise<PipelineEnd> {
  const state: PipelineState = {
    params,
    queue: [],
    jobsById: new Map(),
    ctx: {
      denyList: params.settings.denyList,
      capBytes: dailyCapBytes(params.settings),
      leaseEnds: 0,
      signal: params.signal,
      stop: { reason: null },
    },
    ready: [],
    processing: 0,
    leasing: null,
    leaseBlocked: false,
    end: null,
    changes: createChangeSignal(),
  };
  await Promise.all(Array.from({ length: params.settings.concurrency }, () => runLane(state)));
  await sealReady(state);
  return state.end ?? { kind: 'drained', retryAfterMs: 5_000 };
}

/** One lane: takes the next job, leasing ahead, until the pipeline ends. */
async function runLane(state: PipelineState): Promise<void> {
  const { params } = state;
  for (;;) {
    if (state.ctx.stop.reason !== null)
      state.end ??= { kind: 'stopped', reason: state.ctx.stop.reason };
    if (params.signal.aborted) state.end ??= { kind: 'stopped', reason: 'paused' };
    if (state.end !== null && state.end.kind !== 'drained') return;
    // Lease ahead: the next jobs are on their way while the last ones are fetched.
    const wantsMore = state.queue.length < 2 * params.settings.concurrency;
    if (wantsMore && state.end === null && !state.leaseBlocked) void leaseAhead(state);
    const next = state.queue.shift();
    if (!next) {
      if (state.leasing) await state.leasing;
      else if (state.end !== null) return;
      else await state.changes.next();
      continue;
    }
    await processJob(state, next);
    const idle = state.queue.length === 0 && state.processing === 0;
    if (state.ready.length >= SEAL_ITEMS || idle) await sealReady(state);
  }
}

/** Processes one job and keeps its result for the next batch. */
async function processJob(
  state: PipelineState,
  next: { job: Job; leaseEnds: number },
): Promise<void> {
  state.processing++;
  try {
    const item = await state.params.processor.process(next.job, {
      ...state.ctx,
      leaseEnds: next.leaseEnds,
    });
    if (item) state.ready.push(item);
  } catch (error) {
    state.params.onJobError(next.job, error);
  } finally {
    state.processing--;
    state.leaseBlocked = false;
    state.changes.notify();
  }
}

/** Starts a lease unless one is on its way; resolves when it settled. */
function leaseAhead(state: PipelineState): Promise<void> {
  state.leasing ??= leaseOnce(state)
    .catch((error: unknown) => {
      state.end ??= { kind: 'failed', error };
    })
    .finally(() => {
      state.leasing = null;
      state.changes.notify();
    });
  return state.leasing;
}

/**
 * Asks the controls, then the coordinator, for more jobs. An empty answer first sends what is
 * ready (hosts stay closed until their job is acknowledged): the pipeline has drained when that
 * freed nothing and no job is out.
 */
async function leaseOnce(state: PipelineState): Promise<void> {
  const { params } = state;
  const stop = await params.check();
  if (stop !== null) {
    state.end ??= { kind: 'stopped', reason: stop };
    return;
  }
  const before = params.pump.acknowledged();
  const answer = await params.session.client.lease({
    max: Math.min(32, params.settings.concurrency * 4),
  });
  const leaseEnds = Date.parse(answer.lease.expiresAt);
  for (const job of answer.lease.jobs) {
    state.jobsById.set(job.jobId, job);
    state.queue.push({ job, leaseEnds });
  }
  if (answer.lease.jobs.length > 0) return;
  await sealReady(state);
  await params.pump.settled();
  if (params.pump.acknowledged() > before) return;
  if (state.processing > 0) state.leaseBlocked = true;
  else state.end ??= { kind: 'drained', retryAfterMs: answer.retryAfterMs ?? 5_000 };
}

/** Signs what is ready in batches into the outbox, and starts sending them. */
async function sealReady(state: PipelineState): Promise<void> {
  if (state.ready.length === 0) return;
  const { session, outbox, pump } = state.params;
  const items = state.ready;
  state.ready = [];
  for (const batch of splitBatches(items)) {
    const body = await session.signer.batch(batch);
    await outbox.add({
      id: crypto.randomUUID(),
      coordinatorUrl: session.url,
      coordinator: session.coordinator,
      chainId: session.chainId,
      body,
      jobs: Object.fromEntries(
        batch.map((item) => {
          const job = state.jobsById.get(item.jobId)!;
          return [item.jobId, { campaignId: job.campaignId, url: job.url }];
        }),
      ),
    });
  }
  void pump.flush();
}

/** Lanes with nothing to do wait here for the next change (a job ended, a lease settled). */
interface ChangeSignal {
  next(): Promise<void>;
  notify(): void;
}

function createChangeSignal(): ChangeSignal {
  let wake = () => {};
  let changed = new Promise<void>((resolve) => {
    wake = resolve;
  });
  return {
    next: () => changed,
    notify() {
      wake();
      changed = new Promise<void>((resolve) => {
        wake = resolve;
      });
    },
  };
}
