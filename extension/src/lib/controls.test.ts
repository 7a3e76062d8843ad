import { describe, expect, it } from 'vitest';
import {
  createByteBudget,
  dailyCapBytes,
  decideWork,
  MIN_FETCH_BYTES,
  type WorkEnvironment,
} from './controls.ts';
import { defaultSettings, type Settings } from './settings.ts';

const env: WorkEnvironment = { idleState: 'active', saveData: false, battery: null };
const settings = (patch: Partial<Settings> = {}): Settings => ({ ...defaultSettings, ...patch });
const MB = 1024 * 1024;

describe('decideWork', () => {
  it('works by default', () => {
    expect(decideWork(settings(), env, { bytes: 0 })).toEqual({ run: true });
  });

  it('stops when paused, before anything else', () => {
    expect(
      decideWork(settings({ paused: true }), { ...env, saveData: true }, { bytes: 10 ** 12 }),
    ).toEqual({ run: false, reason: 'paused' });
  });

  it('stops at the daily cap, and when too little is left to start a fetch', () => {
    const s = settings({ dailyCapMb: 1 });
    expect(decideWork(s, env, { bytes: MB })).toEqual({ run: false, reason: 'daily_cap_reached' });
    expect(decideWork(s, env, { bytes: MB - MIN_FETCH_BYTES + 1 })).toMatchObject({ run: false });
    expect(decideWork(s, env, { bytes: MB - MIN_FETCH_BYTES })).toEqual({ run: true });
    expect(dailyCapBytes(settings({ dailyCapMb: 0.5 }))).toBe(512 * 1024);
  });

  it('stops on a metered connection unless the user allows it', () => {
    const metered = { ...env, saveData: true };
    expect(decideWork(settings(), metered, { bytes: 0 })).toEqual({
      run: false,
      reason: 'save_data',
    });
    expect(decideWork(settings({ pauseOnSaveData: false }), metered, { bytes: 0 })).toEqual({
      run: true,
    });
    expect(decideWork(settings(), { ...env, saveData: null }, { bytes: 0 })).toEqual({ run: true });
  });

  it('stops on battery under the threshold, never while charging or when unknown', () => {
    const s = settings({ minBatteryPercent: 30 });
    const low = { ...env, battery: { charging: false, level: 0.2 } };
    expect(decideWork(s, low, { bytes: 0 })).toEqual({ run: false, reason: 'low_battery' });
    expect(
      decideWork(s, { ...env, battery: { charging: true, level: 0.05 } }, { bytes: 0 }),
    ).toEqual({ run: true });
    expect(
      decideWork(s, { ...env, battery: { charging: false, level: 0.3 } }, { bytes: 0 }),
    ).toEqual({ run: true });
    expect(decideWork(s, { ...env, battery: null }, { bytes: 0 })).toEqual({ run: true });
    expect(decideWork(settings({ minBatteryPercent: 0 }), low, { bytes: 0 })).toEqual({
      run: true,
    });
  });

  it('with idle-only, works only while the user is away', () => {
    const s = settings({ idleOnly: true });
    expect(decideWork(s, env, { bytes: 0 })).toEqual({ run: false, reason: 'not_idle' });
    expect(decideWork(s, { ...env, idleState: 'idle' }, { bytes: 0 })).toEqual({ run: true });
    expect(decideWork(s, { ...env, idleState: 'locked' }, { bytes: 0 })).toEqual({ run: true });
  });
});

describe('createByteBudget', () => {
  it('never grants more than the cap leaves, across concurrent fetches', () => {
    let used = 0;
    const budget = createByteBudget({ usedBytes: () => used, minBytes: 10_000 });
    const a = budget.reserve(60_000, 100_000);
    const b = budget.reserve(60_000, 100_000);
    const c = budget.reserve(60_000, 100_000);
    expect([a, b, c]).toEqual([60_000, 40_000, 0]);
    // a read 5,000 bytes and gave the rest back: 55,000 are free again.
    used += 5_000;
    budget.release(a);
    expect(budget.reserve(100_000, 100_000)).toBe(55_000);
  });

  it('judges each reservation by the cap of the job asking', () => {
    const budget = createByteBudget({ usedBytes: () => 50_000, minBytes: 1_000 });
    expect(budget.reserve(20_000, 60_000)).toBe(10_000);
    expect(budget.reserve(20_000, 1_000_000)).toBe(20_000);
    expect(budget.reserve(20_000, 60_000)).toBe(0);
  });

  it('refuses a reservation under the minimum a fetch needs', () => {
    const budget = createByteBudget({ usedBytes: () => 15_000 });
    expect(budget.reserve(2 * MB, 20_000)).toBe(0);
    expect(budget.reserve(4_000, 20_000)).toBe(4_000);
  });
});
