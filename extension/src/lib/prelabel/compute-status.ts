import { prelabelBackendSchema } from '@plaza/protocol';
import { z } from 'zod';
import { idleReasons } from '../controls.ts';
import type { KeyValueStore } from '../storage/key-value-store.ts';
import { computeIdleReasons } from './decide-compute.ts';

/** The storage key of the pre-labeling worker's state, which the popup shows. */
export const COMPUTE_STATUS_KEY = 'computeStatus';

export const computeStatusSchema = z.object({
  state: z.enum(['running', 'idle']),
  /** A `ComputeIdleReason` when idle. */
  reason: z.string().max(40).optional(),
  detail: z.string().max(500).optional(),
  /** The backend the last batch ran on. */
  backend: prelabelBackendSchema.optional(),
  /** Items of accepted batches since install, and of rejected ones. */
  accepted: z.number().int().min(0).default(0),
  rejected: z.number().int().min(0).default(0),
  /** Items per second of the last batch (model run only). */
  itemsPerSecond: z.number().optional(),
  at: z.number(),
  nextCheckAt: z.number().optional(),
});
export type ComputeStatus = z.output<typeof computeStatusSchema>;

/** Reads the pre-labeling worker's state; idle before it ever ran. */
export async function readComputeStatus(store: KeyValueStore): Promise<ComputeStatus> {
  const parsed = computeStatusSchema.safeParse(await store.get(COMPUTE_STATUS_KEY));
  return parsed.success ? parsed.data : { state: 'idle', accepted: 0, rejected: 0, at: 0 };
}

/**
 * One line for the popup: what the pre-labeling worker does and has done.
 *
 * @example
 * describeComputeStatus(status); // 'Idle: The coordinator has no work right now. 128 items pre-labeled (last on webgpu, 540 items/s).'
 */
export function describeComputeStatus(status: ComputeStatus): string {
  const reasons: Record<string, string> = { ...idleReasons, ...computeIdleReasons };
  const now =
    status.state === 'running'
      ? 'Running.'
      : `Idle: ${(status.reason && reasons[status.reason]) || 'starting…'}`;
  const done =
    status.accepted + status.rejected === 0
      ? ''
      : ` ${status.accepted} items pre-labeled${status.rejected ? `, ${status.rejected} rejected` : ''}` +
        (status.backend
          ? ` (last on ${status.backend}${status.itemsPerSecond ? `, ${Math.round(status.itemsPerSecond)} items/s` : ''}).`
          : '.');
  return `${now}${done}`;
}
