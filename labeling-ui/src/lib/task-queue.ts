import type { LabelTask } from '@plaza/protocol';

/** How many tasks the workspace keeps ready behind the one on screen. */
export const PREFETCH_AHEAD = 3;

/** The most `holding` ids one lease request may carry (protocol bound). */
export const MAX_HOLDING = 50;

/** The most tasks one lease request may ask for (protocol bound). */
export const MAX_LEASE = 10;

/** Options of {@link planLease}. */
export interface PlanLeaseOptions {
  /** Tasks to keep behind the current one. @default 3 */
  ahead?: number;
  /** Extra tasks to ask for when refilling, so that not every answer costs a request. @default 2 */
  slack?: number;
}

/**
 * How many tasks to lease now: 0 while the queue holds the current task and `ahead` more, else
 * enough to get back over that with some slack (at most {@link MAX_LEASE}).
 */
export function planLease(queueLength: number, options: PlanLeaseOptions = {}): number {
  const ahead = options.ahead ?? PREFETCH_AHEAD;
  const slack = options.slack ?? 2;
  const target = ahead + 1;
  if (queueLength >= target) return 0;
  return Math.min(MAX_LEASE, target - queueLength + slack);
}

/**
 * The item ids to send as `holding`: those in the queue first, then those waiting in the outbox
 * (their leases are still open on the server until the label lands), without duplicates.
 */
export function holdingIds(queue: readonly LabelTask[], pending: Iterable<number>): number[] {
  const ids = new Set<number>();
  for (const task of queue) ids.add(task.itemId);
  for (const id of pending) ids.add(id);
  return [...ids].slice(0, MAX_HOLDING);
}

/**
 * Appends leased tasks to the queue, leaving out those already queued, those in `exclude` (labelled,
 * skipped, or waiting in the outbox: never shown twice) and those whose lease has run out.
 */
export function mergeTasks(
  queue: readonly LabelTask[],
  incoming: readonly LabelTask[],
  exclude: ReadonlySet<number>,
  nowMs: number,
): LabelTask[] {
  const queued = new Set(queue.map((task) => task.itemId));
  const merged = [...queue];
  for (const task of incoming) {
    if (queued.has(task.itemId) || exclude.has(task.itemId) || isExpired(task, nowMs)) continue;
    queued.add(task.itemId);
    merged.push(task);
  }
  return merged;
}

/** Removes the head of the queue and any following tasks whose lease has run out. */
export function advanceQueue(queue: readonly LabelTask[], nowMs: number): LabelTask[] {
  return queue.slice(1).filter((task) => !isExpired(task, nowMs));
}

/** Whether the task's lease has run out (an unparsable expiry counts as still valid). */
export function isExpired(task: LabelTask, nowMs: number): boolean {
  const expires = Date.parse(task.leaseExpiresAt);
  return Number.isFinite(expires) && expires <= nowMs;
}
