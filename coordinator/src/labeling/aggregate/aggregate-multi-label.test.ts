import { describe, expect, it } from 'vitest';
import { simulateMultiLabel } from '#testing/labelers/simulate-multi-label.ts';
import { aggregateMultiLabel } from './aggregate-multi-label.ts';
import { AggregationInputError } from './aggregation-input-error.ts';

describe('aggregateMultiLabel', () => {
  it('decides each class by majority on a small case', () => {
    const result = aggregateMultiLabel(
      [
        { item: 'a', labeler: 'x', labels: [0, 2] },
        { item: 'a', labeler: 'y', labels: [2] },
        { item: 'a', labeler: 'z', labels: [2, 0, 2] },
        { item: 'b', labeler: 'x', labels: [] },
      ],
      { classes: 3 },
    );
    expect(result.classMethods).toEqual(['majority', 'majority', 'majority']);
    const [a, b] = result.items;
    expect(a!.value).toEqual([0, 2]);
    expect(a!.posteriors).toEqual([2 / 3, 0, 1]);
    // The least sure class is 0: max(2/3, 1/3).
    expect(a!.confidence).toBeCloseTo(2 / 3, 12);
    expect(b!.value).toEqual([]);
    expect(b!.confidence).toBe(1);
    // y missed class 0 (posterior of "not ticked" 1/3), got 1 and 2 right (1 each).
    expect(result.annotations[1]!.posterior).toBeCloseTo((1 / 3 + 1 + 1) / 3, 12);
    expect(result.annotations[0]!.posterior).toBeCloseTo((2 / 3 + 1 + 1) / 3, 12);
  });

  it('recovers simulated multi-label items with Dawid–Skene per class', () => {
    const { annotations, truth } = simulateMultiLabel({
      items: 600,
      classes: 4,
      accuracies: [0.95, 0.9, 0.85, 0.6, 0.55],
      seed: 5,
    });
    const result = aggregateMultiLabel(annotations, { classes: 4 });
    const majority = aggregateMultiLabel(annotations, { classes: 4, minItems: 1_000_000 });
    expect(result.classMethods).toEqual([
      'dawid-skene',
      'dawid-skene',
      'dawid-skene',
      'dawid-skene',
    ]);
    expect(majority.classMethods).toEqual(['majority', 'majority', 'majority', 'majority']);
    /** The share of (item, class) decisions that match the truth. */
    const bitAccuracy = (items: typeof result.items) => {
      let right = 0;
      for (const { item, value } of items) {
        const expected = truth.get(item)!;
        for (let c = 0; c < 4; c++) if (value.includes(c) === expected.includes(c)) right++;
      }
      return right / (items.length * 4);
    };
    expect(bitAccuracy(result.items)).toBeGreaterThan(0.92);
    expect(bitAccuracy(result.items)).toBeGreaterThan(bitAccuracy(majority.items));
    // Per-class accuracies are recovered: the true ones are 0.95 … 0.55.
    expect(result.labelerAccuracy.get('labeler-0')).toBeCloseTo(0.95, 1);
    expect(result.labelerAccuracy.get('labeler-4')).toBeCloseTo(0.55, 1);
    for (const { confidence } of result.items) {
      expect(confidence).toBeGreaterThanOrEqual(0.5);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });

  it('rejects a class outside the classes', () => {
    expect(() =>
      aggregateMultiLabel([{ item: 'a', labeler: 'x', labels: [3] }], { classes: 3 }),
    ).toThrow(AggregationInputError);
  });
});
