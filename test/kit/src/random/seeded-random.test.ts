import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from './seeded-random.ts';

describe('seededRandom', () => {
  it('draws the same numbers for a seed on every run, and other numbers for another seed', () => {
    const first = seededRandom(42);
    expect(first()).toBe(0.6011037519201636);
    const a = Array.from({ length: 5 }, seededRandom(7));
    expect(Array.from({ length: 5 }, seededRandom(7))).toEqual(a);
    expect(Array.from({ length: 5 }, seededRandom(8))).not.toEqual(a);
  });

  it('stays in [0, 1) and spreads over it', () => {
    const random = seededRandom(1);
    const draws = Array.from({ length: 10_000 }, random);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const low = draws.filter((x) => x < 0.5).length;
    expect(low).toBeGreaterThan(4_800);
    expect(low).toBeLessThan(5_200);
  });
});

describe('shuffled', () => {
  it('returns a permutation of a copy, the same for the same seed', () => {
    const list = Array.from({ length: 20 }, (_, i) => i);
    const once = shuffled(list, seededRandom(3));
    expect(once).not.toEqual(list);
    expect([...once].sort((a, b) => a - b)).toEqual(list);
    expect(shuffled(list, seededRandom(3))).toEqual(once);
    expect(list[0]).toBe(0);
  });
});
