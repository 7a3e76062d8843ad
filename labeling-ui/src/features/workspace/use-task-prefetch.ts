import { CoordinatorError, type LabelerStats } from '@plaza/protocol';
import {
  type ActionDispatch,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { formatError, isSessionError } from '../../lib/describe-error.ts';
import type { Outbox } from '../../lib/outbox.ts';
import { holdingIds, mergeTasks, planLease } from '../../lib/task-queue.ts';
import type { WorkspaceClient } from './use-workspace.ts';
import { leaseExclusions, type WorkspaceAction, type WorkspaceState } from './workspace-state.ts';

/** Waits before asking again after a lease brought nothing new (the n-th time in a row). */
const EMPTY_RETRY_MS = [2000, 5000, 10_000, 30_000];
/** Waits before asking again after a retryable lease failure. */
const ERROR_RETRY_MS = [1000, 3000, 10_000, 30_000];

/** Inputs of {@link useTaskPrefetch}. */
export interface UseTaskPrefetchParams {
  client: Pick<WorkspaceClient, 'leaseTasks' | 'labelerStats'>;
  campaignId: string;
  outbox: Outbox;
  state: WorkspaceState;
  /** The latest state, read when a lease answers. */
  stateRef: RefObject<WorkspaceState>;
  dispatch: ActionDispatch<[WorkspaceAction]>;
  sessionInvalidRef: RefObject<(() => void) | undefined>;
}

/** What the prefetch loop gives the workspace. */
export interface TaskPrefetch {
  /** Gold accuracy and reason, fetched when the coordinator answers `LABELER_PAUSED`. */
  pausedStats: LabelerStats | null;
  /** Asks again now (after a refusal, or from the "check now" button). */
  retryLease: () => void;
}

/**
 * Keeps the task queue topped up in the background: leases when fewer than the current task and
 * three more are queued, one request at a time, with `holding` set; backs off when nothing new comes
 * or a retryable error does; stops on a pause, a refused session or a non-retryable error.
 */
export function useTaskPrefetch(params: UseTaskPrefetchParams): TaskPrefetch {
  const { client, campaignId, outbox, state, stateRef, dispatch, sessionInvalidRef } = params;
  const [pausedStats, setPausedStats] = useState<LabelerStats | null>(null);
  const leasing = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const emptyStreak = useRef(0);
  const errorStreak = useRef(0);
  const [leaseTick, setLeaseTick] = useState(0);
  const [leaseBlocked, setLeaseBlocked] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (retryTimer.current) clearTimeout(retryTimer.current);
      retryTimer.current = null;
    };
  }, []);

  const queueLength = state.queue.length;
  const phase = state.phase;
  // biome-ignore lint/correctness/useExhaustiveDependencies: leaseTick re-runs the check on purpose.
  useEffect(() => {
    if (phase === 'paused' || leaseBlocked || leasing.current || retryTimer.current) return;
    const max = planLease(queueLength);
    if (max === 0) return;
    leasing.current = true;
    const retryLater = (delays: readonly number[], streak: number) => {
      const delay = delays[Math.min(streak, delays.length - 1)] ?? 30_000;
      retryTimer.current = setTimeout(() => {
        retryTimer.current = null;
        setLeaseTick((tick) => tick + 1);
      }, delay);
    };
    const holding = holdingIds(stateRef.current.queue, outbox.pendingItemIds());
    client
      .leaseTasks({ campaignId, max, holding })
      .then(({ tasks }) => {
        if (!alive.current) return;
        errorStreak.current = 0;
        const now = Date.now();
        const current = stateRef.current;
        const pending = outbox.pendingItemIds();
        const exclude = leaseExclusions(current, pending);
        const added = mergeTasks(current.queue, tasks, exclude, now).length - current.queue.length;
        dispatch({ type: 'leased', tasks, pending, now });
        if (added === 0) retryLater(EMPTY_RETRY_MS, emptyStreak.current++);
        else emptyStreak.current = 0;
      })
      .catch((error: unknown) => {
        if (!alive.current) return;
        if (error instanceof CoordinatorError && error.code === 'LABELER_PAUSED') {
          dispatch({ type: 'paused', code: error.code, message: error.message });
          client.labelerStats(campaignId).then(setPausedStats, () => undefined);
          return;
        }
        if (isSessionError(error)) {
          setLeaseBlocked(true);
          sessionInvalidRef.current?.();
          return;
        }
        dispatch({ type: 'lease-failed', message: formatError(error) });
        const retryable = !(error instanceof CoordinatorError) || error.retryable;
        if (retryable) retryLater(ERROR_RETRY_MS, errorStreak.current++);
        else setLeaseBlocked(true);
      })
      .finally(() => {
        leasing.current = false;
        if (alive.current) setLeaseTick((tick) => tick + 1);
      });
  }, [client, campaignId, outbox, queueLength, phase, leaseBlocked, leaseTick]);

  const retryLease = useCallback(() => {
    if (retryTimer.current) clearTimeout(retryTimer.current);
    retryTimer.current = null;
    emptyStreak.current = 0;
    errorStreak.current = 0;
    setLeaseBlocked(false);
    setLeaseTick((tick) => tick + 1);
  }, []);

  return { pausedStats, retryLease };
}
