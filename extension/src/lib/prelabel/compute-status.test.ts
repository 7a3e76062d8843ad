import { describe, expect, it } from 'vitest';
import { describeComputeStatus } from './compute-status.ts';

describe('describeComputeStatus', () => {
  it('says why compute is idle, in words', () => {
    expect(
      describeComputeStatus({
        state: 'idle',
        reason: 'compute_off',
        accepted: 0,
        rejected: 0,
        at: 1,
      }),
    ).toBe('Idle: Lending GPU is off (Settings → compute).');
  });

  it('sums up what was done and on which backend', () => {
    expect(
      describeComputeStatus({
        state: 'idle',
        reason: 'no_jobs',
        accepted: 128,
        rejected: 0,
        backend: 'webgpu',
        itemsPerSecond: 540.4,
        at: 1,
      }),
    ).toBe(
      'Idle: The coordinator has no work right now. 128 items pre-labeled (last on webgpu, 540 items/s).',
    );
    expect(
      describeComputeStatus({
        state: 'running',
        accepted: 5,
        rejected: 64,
        backend: 'wasm',
        at: 1,
      }),
    ).toBe('Running. 5 items pre-labeled, 64 rejected (last on wasm).');
  });
});
