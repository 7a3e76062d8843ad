import { describe, expect, it } from 'vitest';
import { describeGoldAccuracy } from './gold-accuracy.ts';

const base = { answered: 7, correct: 6, minAnswers: 10, threshold: 0.7 };

describe('describeGoldAccuracy', () => {
  it('says how many gold answers are still needed', () => {
    expect(describeGoldAccuracy({ ...base, estimate: null, low: null, high: null })).toBe(
      '3 more gold answers needed',
    );
    expect(
      describeGoldAccuracy({ ...base, answered: 9, estimate: null, low: null, high: null }),
    ).toBe('1 more gold answer needed');
  });

  it('gives the estimate with its interval', () => {
    expect(
      describeGoldAccuracy({ ...base, answered: 25, estimate: 0.82, low: 0.701, high: 0.902 }),
    ).toBe('82.0 % (95 % interval 70.1 %–90.2 %) over 25 gold answers');
  });
});
