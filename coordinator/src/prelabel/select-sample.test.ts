import { describe, expect, it } from 'vitest';
import { selectSample } from './select-sample.ts';

describe('selectSample', () => {
  it('takes the rate of the batch, at least the minimum, as distinct sorted indexes', () => {
    const sample = selectSample({ count: 100, rate: 0.1, minimum: 4, all: false });
    expect(sample).toHaveLength(10);
    expect(new Set(sample).size).toBe(10);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    for (const index of sample) expect(index).toBeLessThan(100);
    expect(selectSample({ count: 20, rate: 0.1, minimum: 4, all: false })).toHaveLength(4);
    expect(selectSample({ count: 3, rate: 0.1, minimum: 4, all: false })).toEqual([0, 1, 2]);
  });

  it('takes everything when told to (devices not yet trusted)', () => {
    expect(selectSample({ count: 5, rate: 0, minimum: 1, all: true })).toEqual([0, 1, 2, 3, 4]);
  });

  it('draws every item with the same chance', () => {
    const hits = new Array(10).fill(0);
    for (let round = 0; round < 2000; round++) {
      for (const i of selectSample({ count: 10, rate: 0.2, minimum: 1, all: false })) hits[i]++;
    }
    for (const n of hits) expect(n).toBeGreaterThan(300); // 400 expected each
  });
});
