import { describe, expect, it } from 'vitest';
import type { WorkEnvironment } from '../controls.ts';
import { defaultSettings, type Settings } from '../settings.ts';
import { decideCompute } from './decide-compute.ts';

const env: WorkEnvironment = { idleState: 'idle', saveData: false, battery: null };
const settings = (patch: Partial<Settings> = {}): Settings => ({
  ...defaultSettings,
  computeEnabled: true,
  ...patch,
});

describe('decideCompute', () => {
  it('is off until the user turns compute on', () => {
    expect(decideCompute(defaultSettings, env)).toEqual({ run: false, reason: 'compute_off' });
    expect(decideCompute(settings(), env)).toEqual({ run: true });
  });

  it('obeys pause, metered connections, battery and idle-only like fetching', () => {
    expect(decideCompute(settings({ paused: true }), env)).toEqual({
      run: false,
      reason: 'paused',
    });
    expect(decideCompute(settings(), { ...env, saveData: true })).toEqual({
      run: false,
      reason: 'save_data',
    });
    expect(
      decideCompute(settings({ minBatteryPercent: 30 }), {
        ...env,
        battery: { charging: false, level: 0.2 },
      }),
    ).toEqual({ run: false, reason: 'low_battery' });
    expect(
      decideCompute(settings({ minBatteryPercent: 30 }), {
        ...env,
        battery: { charging: true, level: 0.2 },
      }),
    ).toEqual({ run: true });
    expect(decideCompute(settings({ idleOnly: true }), { ...env, idleState: 'active' })).toEqual({
      run: false,
      reason: 'not_idle',
    });
  });

  it('is not stopped by the daily page-byte cap', () => {
    expect(decideCompute(settings({ dailyCapMb: 0.1 }), env)).toEqual({ run: true });
  });
});
