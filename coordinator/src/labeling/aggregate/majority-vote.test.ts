import { describe, expect, it } from 'vitest';
import { AggregationInputError } from './aggregation-input-error.ts';
import { majorityVote } from './majority-vote.ts';

const votes = (item: string, labels: number[]) =>
  labels.map((label, j) => ({ item, labeler: `l${j}`, label }));

describe('majorityVote', () => {
  it('gives vote fractions and the most voted class', () => {
    const result = majorityVote([...votes('a', [2, 2, 0]), ...votes('b', [1])], { classes: 3 });
    expect(result.posteriors.get('a')).toEqual([1 / 3, 0, 2 / 3]);
    expect(result.values.get('a')).toBe(2);
    expect(result.posteriors.get('b')).toEqual([0, 1, 0]);
    expect(result.values.get('b')).toBe(1);
    expect(result.ties.size).toBe(0);
  });

  it('breaks ties to the lowest class and reports them', () => {
    const result = majorityVote(
      [
        ...votes('three-way', [2, 1, 0]),
        ...votes('two-way', [2, 1, 2, 1]),
        ...votes('not-tied', [0, 0, 2, 2, 2]),
      ],
      { classes: 3 },
    );
    expect(result.values.get('three-way')).toBe(0);
    expect(result.values.get('two-way')).toBe(1);
    expect(result.values.get('not-tied')).toBe(2);
    expect([...result.ties]).toEqual(['three-way', 'two-way']);
  });

  it('keeps items in the order of their first annotation', () => {
    const result = majorityVote([...votes('z', [0]), ...votes('a', [1]), ...votes('z', [1])], {
      classes: 2,
    });
    expect([...result.posteriors.keys()]).toEqual(['z', 'a']);
  });

  it('rejects a label outside the classes', () => {
    expect(() => majorityVote(votes('a', [3]), { classes: 3 })).toThrow(AggregationInputError);
    expect(() => majorityVote(votes('a', [0.5]), { classes: 3 })).toThrow(/not a class index/);
    expect(() => majorityVote([], { classes: 1 })).toThrow(AggregationInputError);
  });
});
