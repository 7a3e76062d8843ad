import { describe, expect, it } from 'vitest';
import { simulateLabelers } from '#testing/labelers/simulate-labelers.ts';
import { AggregationInputError } from './aggregation-input-error.ts';
import { dawidSkene } from './dawid-skene.ts';
import type { ClassificationAnnotation } from './types.ts';

/** Two reliable labelers and one who always answers the opposite, on a binary task. */
function contrarian(): ClassificationAnnotation[] {
  const annotations: ClassificationAnnotation[] = [];
  for (let i = 0; i < 20; i++) {
    const truth = i % 2;
    annotations.push({ item: `i${i}`, labeler: 'good-1', label: truth });
    annotations.push({ item: `i${i}`, labeler: 'good-2', label: truth });
    annotations.push({ item: `i${i}`, labeler: 'flipper', label: 1 - truth });
  }
  return annotations;
}

describe('dawidSkene', () => {
  it('learns a flipped confusion matrix for a labeler who always answers the opposite', () => {
    const result = dawidSkene(contrarian(), { classes: 2 });
    const flipper = result.confusion.get('flipper')!;
    expect(flipper[0]![1]).toBeGreaterThan(0.99);
    expect(flipper[1]![0]).toBeGreaterThan(0.99);
    const good = result.confusion.get('good-1')!;
    expect(good[0]![0]).toBeGreaterThan(0.99);
    expect(good[1]![1]).toBeGreaterThan(0.99);
    expect(result.labelerAccuracy.get('flipper')).toBeLessThan(0.01);
    expect(result.labelerAccuracy.get('good-2')).toBeGreaterThan(0.99);
    expect(result.priors[0]).toBeCloseTo(0.5, 6);
    for (let i = 0; i < 20; i++) {
      expect(result.posteriors.get(`i${i}`)![i % 2]).toBeGreaterThan(0.99);
    }
    expect(result.converged).toBe(true);
    for (const rows of result.confusion.values()) {
      for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('recovers the accuracy of each simulated labeler within 0.05', () => {
    const accuracies = [0.95, 0.9, 0.85, 0.55, 0.45];
    const { annotations, accuracies: truth } = simulateLabelers({ accuracies, seed: 7 });
    const result = dawidSkene(annotations, { classes: 3 });
    for (const [labeler, accuracy] of truth) {
      expect(Math.abs(result.labelerAccuracy.get(labeler)! - accuracy)).toBeLessThanOrEqual(0.05);
    }
    expect(result.priors.every((p) => Math.abs(p - 1 / 3) < 0.03)).toBe(true);
  });

  it('does not underflow with hundreds of labels per item', () => {
    const annotations: ClassificationAnnotation[] = [];
    for (let i = 0; i < 50; i++) {
      for (let r = 0; r < 400; r++) {
        // Three labelers, each labeling every item 400 times; 'noisy' is wrong one time in four.
        annotations.push({ item: `i${i}`, labeler: 'a', label: i % 3 });
        annotations.push({ item: `i${i}`, labeler: 'b', label: i % 3 });
        annotations.push({
          item: `i${i}`,
          labeler: 'noisy',
          label: r % 4 === 0 ? (i + 1) % 3 : i % 3,
        });
      }
    }
    const result = dawidSkene(annotations, { classes: 3 });
    for (const [item, row] of result.posteriors) {
      expect(row.every(Number.isFinite)).toBe(true);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(row[Number(item.slice(1)) % 3]).toBeCloseTo(1, 9);
    }
    expect(result.labelerAccuracy.get('noisy')).toBeCloseTo(0.75, 6);
  });

  it('is deterministic', () => {
    const { annotations } = simulateLabelers({ items: 300, accuracies: [0.9, 0.7, 0.6], seed: 3 });
    const first = dawidSkene(annotations, { classes: 3 });
    const second = dawidSkene(annotations, { classes: 3 });
    expect(second).toEqual(first);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const { annotations } = simulateLabelers({ items: 300, accuracies: [0.9, 0.7, 0.6], seed: 3 });
    const result = dawidSkene(annotations, { classes: 3, maxIterations: 1, tolerance: 0 });
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
  });

  it('handles no annotations', () => {
    const result = dawidSkene([], { classes: 3 });
    expect(result.posteriors.size).toBe(0);
    for (const p of result.priors) expect(p).toBeCloseTo(1 / 3, 12);
    expect(result.converged).toBe(true);
  });

  it('rejects bad labels and options', () => {
    const one = [{ item: 'a', labeler: 'x', label: 2 }];
    expect(() => dawidSkene(one, { classes: 2 })).toThrow(AggregationInputError);
    expect(() => dawidSkene([], { classes: 2, smoothing: -1 })).toThrow(AggregationInputError);
    expect(() => dawidSkene([], { classes: 2, maxIterations: 1.5 })).toThrow(AggregationInputError);
  });
});
