import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './storage/key-value-store.ts';
import { createUsageMeter, localDay, readUsage, USAGE_KEY } from './usage.ts';

describe('usage meter', () => {
  it('adds concurrent updates without losing any, and persists them', async () => {
    const store = createMemoryStore();
    const day = new Date(2026, 2, 1, 12);
    const meter = createUsageMeter(store, () => day);
    await Promise.all(Array.from({ length: 20 }, () => meter.add(100, 1)));
    expect(await meter.today()).toEqual({ day: '2026-03-01', bytes: 2000, pages: 20 });
    expect(meter.bytesNow()).toBe(2000);
    await meter.persist();
    expect(await readUsage(store, day)).toEqual({ day: '2026-03-01', bytes: 2000, pages: 20 });
    // A new meter (a restarted worker) goes on from the stored counts.
    const restarted = createUsageMeter(store, () => day);
    await restarted.add(1, 1);
    expect(await restarted.today()).toMatchObject({ bytes: 2001, pages: 21 });
  });

  it('writes storage once per delay, not once per fetch', async () => {
    const store = createMemoryStore();
    let writes = 0;
    const counting = {
      ...store,
      set: async (v: Record<string, unknown>) => {
        writes++;
        await store.set(v);
      },
    };
    const meter = createUsageMeter(counting, () => new Date(2026, 2, 1), 20);
    for (let i = 0; i < 10; i++) await meter.add(10, 1);
    expect(writes).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(writes).toBe(1);
    expect(await readUsage(store, new Date(2026, 2, 1))).toMatchObject({ bytes: 100, pages: 10 });
  });

  it('starts from zero on a new local day', async () => {
    let now = new Date(2026, 2, 1, 23, 59);
    const store = createMemoryStore();
    const meter = createUsageMeter(store, () => now);
    await meter.add(5000, 3);
    now = new Date(2026, 2, 2, 0, 1);
    expect(meter.bytesNow()).toBe(0);
    expect(await meter.today()).toEqual({ day: '2026-03-02', bytes: 0, pages: 0 });
    await meter.add(10, 1);
    await meter.persist();
    expect(store.dump()[USAGE_KEY]).toEqual({ day: '2026-03-02', bytes: 10, pages: 1 });
  });

  it('names days in local time', () => {
    expect(localDay(new Date(2026, 0, 5, 0, 30))).toBe('2026-01-05');
  });
});
