import { describe, expect, it } from 'vitest';
import { AggregationInputError } from './aggregation-input-error.ts';
import { wilsonInterval } from './wilson-interval.ts';

describe('wilsonInterval', () => {
  it('gives [0.490, 0.943] for 8 of 10', () => {
    const { estimate, low, high } = wilsonInterval(8, 10);
    expect(estimate).toBe(0.8);
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
  });

  it('stays inside [0, 1] at 0 and n successes', () => {
    const none = wilsonInterval(0, 10);
    expect(none.low).toBeCloseTo(0, 12);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBeCloseTo(1, 12);
  });

  it('narrows with a smaller z', () => {
    const wide = wilsonInterval(8, 10);
    const narrow = wilsonInterval(8, 10, 1);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });

  it('knows nothing without trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: 0, low: 0, high: 1 });
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(AggregationInputError);
    expect(() => wilsonInterval(-1, 10)).toThrow(AggregationInputError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(AggregationInputError);
  });
});
