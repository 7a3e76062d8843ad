import { z } from 'zod';
import { idleReasons } from './controls.ts';
import type { KeyValueStore } from './storage/key-value-store.ts';

/** The storage key of the worker's state, which the popup shows. */
export const WORKER_STATUS_KEY = 'workerStatus';

export const workerStatusSchema = z.object({
  state: z.enum(['running', 'paused', 'idle']),
  reason: z.enum(Object.keys(idleReasons) as [keyof typeof idleReasons]).optional(),
  /** A detail for the user (the coordinator's error message …). */
  detail: z.string().max(500).optional(),
  /** ms since the epoch. */
  at: z.number(),
  /** When the worker looks again, for idle states. */
  nextCheckAt: z.number().optional(),
});
export type WorkerStatus = z.output<typeof workerStatusSchema>;

/** Reads the worker state; `idle` before the worker ever ran. */
export async function readWorkerStatus(store: KeyValueStore): Promise<WorkerStatus> {
  const parsed = workerStatusSchema.safeParse(await store.get(WORKER_STATUS_KEY));
  return parsed.success ? parsed.data : { state: 'idle', at: 0 };
}

/** One line for the popup: "Running", "Paused", or why idle. */
export function describeStatus(status: WorkerStatus): string {
  if (status.state === 'running') return 'Running';
  if (status.state === 'paused') return 'Paused';
  const why = status.reason ? idleReasons[status.reason] : 'Starting…';
  return status.detail ? `${why} (${status.detail})` : why;
}
