import { describe, expect, it } from 'vitest';
import { evaluatePredictions } from './evaluate-predictions.ts';
import { majorityClass } from './majority-class.ts';
import { isHoldout } from './split-holdout.ts';

describe('evaluatePredictions', () => {
  it('computes accuracy and macro-F1', () => {
    const result = evaluatePredictions([0, 1, 1, 2], [0, 1, 0, 2]);
    expect(result.accuracy).toBe(0.75);
    // F1: class 0 = 2/3, class 1 = 2/3, class 2 = 1
    expect(result.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 10);
  });

  it('scores the majority baseline low on macro-F1 even when its accuracy is high', () => {
    const truth = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2];
    const baseline = evaluatePredictions(
      truth.map(() => majorityClass(truth)),
      truth,
    );
    expect(baseline.accuracy).toBe(0.8);
    expect(baseline.macroF1).toBeCloseTo((2 * 8) / (2 * 8 + 2) / 3, 10);
  });
});

describe('majorityClass', () => {
  it('takes the most frequent class, the lowest on a tie', () => {
    expect(majorityClass([2, 1, 2])).toBe(2);
    expect(majorityClass([1, 0, 0, 1])).toBe(0);
  });
});

describe('isHoldout', () => {
  it('holds out about the fraction asked, the same items every time', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => i + 1);
    const held = ids.filter((id) => isHoldout(id, 0.2));
    expect(held.length / ids.length).toBeGreaterThan(0.18);
    expect(held.length / ids.length).toBeLessThan(0.22);
    expect(ids.filter((id) => isHoldout(id, 0.2))).toEqual(held);
  });
});
