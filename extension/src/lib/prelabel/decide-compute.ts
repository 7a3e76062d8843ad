import { decideWork, type IdleReason, type WorkEnvironment } from '../controls.ts';
import type { Settings } from '../settings.ts';

/** Why the pre-labeling worker is not computing, beyond the fetch worker's reasons. */
export const computeIdleReasons = {
  compute_off: 'Lending GPU is off (Settings → compute).',
  compute_unavailable: 'This browser cannot run models in the background (no offscreen document).',
  model_failed: 'The campaign model could not run in this browser; retrying later.',
} as const;

/** A reason the pre-labeling worker is idle. */
export type ComputeIdleReason = IdleReason | keyof typeof computeIdleReasons;

/**
 * Whether the pre-labeling worker may run a model now: only with compute on, and then under the
 * same controls as fetching (`decideWork`: paused, metered connection, battery under the
 * threshold while discharging, idle-only). The daily megabyte cap is the fetch worker's page
 * budget and does not stop compute.
 *
 * @example
 * decideCompute({ ...settings, computeEnabled: false }, env); // { run: false, reason: 'compute_off' }
 */
export function decideCompute(
  settings: Settings,
  env: WorkEnvironment,
): { run: true } | { run: false; reason: ComputeIdleReason } {
  if (settings.paused) return { run: false, reason: 'paused' };
  if (!settings.computeEnabled) return { run: false, reason: 'compute_off' };
  return decideWork(settings, env, { bytes: 0 });
}
