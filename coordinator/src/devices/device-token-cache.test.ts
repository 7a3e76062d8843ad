import type { devices } from '@plaza/db';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock.ts';
import { createDeviceTokenCache } from './device-token-cache.ts';

type Device = typeof devices.$inferSelect;

const device = (status: 'active' | 'quarantined') =>
  ({ address: '0xabc', status }) as unknown as Device;

/** A lookup the test answers when it chooses: no timing involved. */
function deferredLookup() {
  let answer: (d: Device | null) => void = () => {};
  let calls = 0;
  const lookup = () => {
    calls++;
    return new Promise<Device | null>((resolve) => {
      answer = resolve;
    });
  };
  return { lookup, answer: (d: Device | null) => answer(d), calls: () => calls };
}

describe('device token cache', () => {
  it('answers within its time, renews past half of it, and never serves an older lookup', async () => {
    const clock = createManualClock();
    const cache = createDeviceTokenCache({ clock, ttlMs: 10_000 });
    const db = deferredLookup();
    cache.set('t', device('active'));
    clock.advance(4_000);
    expect(cache.get('t', db.lookup)?.status).toBe('active');
    expect(db.calls()).toBe(0);
    clock.advance(2_000);
    expect(cache.get('t', db.lookup)?.status).toBe('active');
    expect(cache.get('t', db.lookup)?.status).toBe('active');
    expect(db.calls()).toBe(1);
    // The renewal has not answered when the first lookup's time is up: nothing is served.
    clock.advance(4_000);
    expect(cache.get('t', db.lookup)).toBeUndefined();
  });

  it('drops the entry when a renewal finds the device quarantined or the token gone', async () => {
    const clock = createManualClock();
    const cache = createDeviceTokenCache({ clock, ttlMs: 10_000 });
    for (const renewed of [device('quarantined'), null]) {
      const db = deferredLookup();
      cache.set('t', device('active'));
      clock.advance(6_000);
      expect(cache.get('t', db.lookup)?.status).toBe('active');
      db.answer(renewed);
      await Promise.resolve();
      await Promise.resolve();
      expect(cache.get('t', db.lookup)).toBeUndefined();
    }
  });

  it('never remembers a quarantined device', () => {
    const cache = createDeviceTokenCache({ clock: createManualClock(), ttlMs: 10_000 });
    cache.set('t', device('quarantined'));
    expect(cache.get('t')).toBeUndefined();
  });

  it('forgets every token of a device this process quarantines, and no other', () => {
    const cache = createDeviceTokenCache({ clock: createManualClock(), ttlMs: 10_000 });
    cache.set('old', device('active'));
    cache.set('new', device('active'));
    cache.set('other', { address: '0xdef', status: 'active' } as unknown as Device);
    cache.forgetDevice('0xABC');
    expect(cache.get('old')).toBeUndefined();
    expect(cache.get('new')).toBeUndefined();
    expect(cache.get('other')).toBeDefined();
  });
});
