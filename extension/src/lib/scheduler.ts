import { CoordinatorError, type Job, type ParsedContributionItem } from '@plaza/protocol';
import { splitBatches } from './contribution-batches.ts';
import { dailyCapBytes, decideWork, type IdleReason, type WorkEnvironment } from './controls.ts';
import type { CoordinatorSession, CoordinatorSessions } from './coordinator-session.ts';
import type { Outbox } from './outbox.ts';
import { createJobProcessor, type JobContext, type JobProcessorDeps } from './process-job.ts';
import { quarantineDetail } from './quarantine-detail.ts';
import { loadSettings, type Settings } from './settings.ts';
import type { KeyValueStore } from './storage/key-value-store.ts';
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

/** Results signed and queued together; a full batch is sent while the next jobs are fetched. */
const SEAL_ITEMS = 16;

/** A quarantined device asks again this rarely (the coordinator may have lifted the quarantine). */
const QUARANTINE_RECHECK_MS = 30 * 60_000;

/** Why a pipeline run ended. */
type PipelineEnd =
  | { kind: 'drained'; retryAfterMs: number }
  | { kind: 'stopped'; reason: IdleReason }
  | { kind: 'failed'; error: unknown };

/**
 * The extension's worker, driven by alarms and by setting changes. A session decides (controls),
 * registers, then runs a pipeline: `concurrency` lanes take jobs from a queue that is refilled by
 * leasing ahead (a lease is asked for while the last jobs are still being fetched); each job is
 * fetched under the egress policy, robots.txt and the byte budget, parsed and extracted in the
 * offscreen document; results are signed in batches (EIP-712) and put in the outbox, which sends
 * them while the lanes go on. Controls are checked before every lease; a pause aborts fetches in
 * flight.
 */
export function createWorker(deps: WorkerDeps): Worker {
  const now = deps.now ?? Date.now;
  const processor = createJobProcessor(deps);
  let running: Promise<WorkResult> | null = null;
  let again = false;
  let abort = new AbortController();

  async function setStatus(status: Omit<WorkerStatus, 'at'>): Promise<WorkerStatus> {
    const full = { ...status, at: now() };
    await deps.store.set({ [WORKER_STATUS_KEY]: full });
    return full;
  }

  async function idle(reason: IdleReason, waitMs: number, detail?: string): Promise<WorkResult> {
    await deps.usage.persist();
    const status = await setStatus({
      state: reason === 'paused' ? 'paused' : 'idle',
      reason,
      nextCheckAt: now() + waitMs,
      ...(detail ? { detail: detail.slice(0, 500) } : {}),
    });
    return { status, nextWakeMs: waitMs };
  }

  /** Whether the controls let work go on now; the reason when not. */
  async function check(): Promise<{ settings: Settings; stop: IdleReason | null }> {
    const settings = await loadSettings(deps.store);
    const decision = decideWork(settings, await deps.readEnvironment(), await deps.usage.today());
    return { settings, stop: decision.run ? null : decision.reason };
  }

  async function work(): Promise<WorkResult> {
    let flushing: Promise<unknown> = Promise.resolve();
    /** Batches acknowledged in this session: each one reopens its hosts for leasing. */
    let acknowledged = 0;
    const flush = () => {
      flushing = deps.outbox.flush().then(
        (result) => {
          acknowledged += result.sent;
        },
        () => {},
      );
      return flushing;
    };
    const outboxWakeMs = async (fallback: number) => {
      const due = await deps.outbox.nextDueAt();
      return due === null ? fallback : Math.max(0, Math.min(fallback, due - now()));
    };

    /** Leases, fetches and queues results until the queue runs dry or a control says stop. */
    async function pipeline(session: CoordinatorSession, settings: Settings): Promise<PipelineEnd> {
      const queue: { job: Job; leaseEnds: number }[] = [];
      let ready: ParsedContributionItem[] = [];
      const jobsById = new Map<string, Job>();
      let processing = 0;
      let leasing: Promise<void> | null = null;
      let end: PipelineEnd | null = null;
      const ctx: JobContext = {
        denyList: settings.denyList,
        capBytes: dailyCapBytes(settings),
        leaseEnds: 0,
        signal: abort.signal,
        stop: { reason: null },
      };

      const seal = async () => {
        if (ready.length === 0) return;
        const items = ready;
        ready = [];
        for (const batch of splitBatches(items)) {
          const body = await session.signer.batch(batch);
          await deps.outbox.add({
            id: crypto.randomUUID(),
            coordinatorUrl: session.url,
            coordinator: session.coordinator,
            chainId: session.chainId,
            body,
            jobs: Object.fromEntries(
              batch.map((item) => {
                const job = jobsById.get(item.jobId)!;
                return [item.jobId, { campaignId: job.campaignId, url: job.url }];
              }),
            ),
          });
        }
        flush();
      };

      // Lanes that have nothing to do wait for a job to finish (it may reopen a host).
      let wake = () => {};
      let changed = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const notify = () => {
        wake();
        changed = new Promise<void>((resolve) => {
          wake = resolve;
        });
      };
      /** The last lease came back empty while jobs were still out: lease again after one ends. */
      let leaseBlocked = false;

      const lease = () => {
        leasing ??= (async () => {
          const { stop } = await check();
          if (stop !== null) {
            end ??= { kind: 'stopped', reason: stop };
            return;
          }
          const before = acknowledged;
          const answer = await session.client.lease({
            max: Math.min(32, settings.concurrency * 4),
          });
          const leaseEnds = Date.parse(answer.lease.expiresAt);
          for (const job of answer.lease.jobs) {
            jobsById.set(job.jobId, job);
            queue.push({ job, leaseEnds });
          }
          if (answer.lease.jobs.length > 0) return;
          // Hosts stay closed until their job is acknowledged: send what is ready, wait for it,
          // and ask again if that freed anything, or once a job still out ends.
          await seal();
          await flushing;
          if (acknowledged > before) return;
          if (processing > 0) leaseBlocked = true;
          else end ??= { kind: 'drained', retryAfterMs: answer.retryAfterMs ?? 5_000 };
        })()
          .catch((error: unknown) => {
            end ??= { kind: 'failed', error };
          })
          .finally(() => {
            leasing = null;
            notify();
          });
        return leasing;
      };

      const lane = async () => {
        for (;;) {
          if (ctx.stop.reason !== null) end ??= { kind: 'stopped', reason: ctx.stop.reason };
          if (abort.signal.aborted) end ??= { kind: 'stopped', reason: 'paused' };
          if (end !== null && end.kind !== 'drained') return;
          // Lease ahead: the next jobs are on their way while the last ones are fetched.
          if (queue.length < 2 * settings.concurrency && end === null && !leaseBlocked)
            void lease();
          const next = queue.shift();
          if (!next) {
            if (leasing) await leasing;
            else if (end !== null) return;
            else await changed;
            continue;
          }
          processing++;
          try {
            const item = await processor.process(next.job, { ...ctx, leaseEnds: next.leaseEnds });
            if (item) ready.push(item);
          } catch (error) {
            console.warn('Plaza: job failed', next.job.url, error);
          } finally {
            processing--;
            leaseBlocked = false;
            notify();
          }
          if (ready.length >= SEAL_ITEMS || (queue.length === 0 && processing === 0)) await seal();
        }
      };

      await Promise.all(Array.from({ length: settings.concurrency }, lane));
      await seal();
      return end ?? { kind: 'drained', retryAfterMs: 5_000 };
    }

    for (;;) {
      const { settings, stop } = await check();
      if (stop === 'paused') {
        await flushing;
        return idle('paused', 60_000);
      }
      if (stop !== null) {
        await flush();
        const wait = stop === 'daily_cap_reached' ? msUntilMidnight(now()) : 60_000;
        return idle(stop, await outboxWakeMs(wait));
      }
      let session: CoordinatorSession;
      try {
        session = await deps.sessions.get(settings.coordinatorUrl);
      } catch (error) {
        await flushing;
        return idle('coordinator_unreachable', 10_000, message(error));
      }
      flush();
      // A fresh controller per pipeline: a pause aborts this one's fetches, never a later one's.
      abort = new AbortController();
      await setStatus({ state: 'running' });
      const before = acknowledged;
      const end = await pipeline(session, settings);
      if (end.kind === 'failed') {
        const quarantine = quarantineDetail(end.error);
        if (quarantine !== null) {
          await flushing;
          return idle('quarantined', QUARANTINE_RECHECK_MS, quarantine);
        }
        if (isUnauthorized(end.error)) await deps.sessions.reset(settings.coordinatorUrl);
        await flushing;
        return idle('coordinator_unreachable', 5_000, message(end.error));
      }
      if (end.kind === 'drained') {
        await flushing;
        if (acknowledged > before) continue;
        return idle('no_jobs', await outboxWakeMs(end.retryAfterMs));
      }
      // Stopped by a control: the loop's next check says which.
    }
  }

  return {
    run() {
      if (running) {
        // A session already running may have read the settings before they changed.
        again = true;
        return running;
      }
      running = (async () => {
        let result: WorkResult;
        do {
          again = false;
          result = await work();
        } while (again);
        return result;
      })().finally(() => {
        running = null;
      });
      return running;
    },
    abort() {
      abort.abort(new Error('paused'));
    },
  };
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
