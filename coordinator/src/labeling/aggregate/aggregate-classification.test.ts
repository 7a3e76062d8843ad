import { describe, expect, it } from 'vitest';
import { simulateLabelers } from '#testing/labelers/simulate-labelers.ts';
import { aggregateClassification } from './aggregate-classification.ts';
import { AggregationInputError } from './aggregation-input-error.ts';
import type { ClassificationAnnotation } from './types.ts';

const ACCURACIES = [0.95, 0.9, 0.85, 0.55, 0.45];

/** The share of items whose value is their true class. */
function itemAccuracy(
  items: readonly { item: string; value: number }[],
  truth: ReadonlyMap<string, number>,
): number {
  return items.filter(({ item, value }) => truth.get(item) === value).length / items.length;
}

describe('aggregateClassification', () => {
  const { annotations, truth, accuracies } = simulateLabelers({ accuracies: ACCURACIES, seed: 11 });
  const ds = aggregateClassification(annotations, { classes: 3 });
  // The same data with a bar too high for Dawid–Skene: majority vote.
  const majority = aggregateClassification(annotations, { classes: 3, minItems: 1_000_000 });

  it('uses Dawid–Skene on 2,000 items and beats majority vote on item accuracy', () => {
    expect(ds.method).toBe('dawid-skene');
    expect(ds.em?.converged).toBe(true);
    expect(majority.method).toBe('majority');
    expect(majority.em).toBeNull();
    const dsAccuracy = itemAccuracy(ds.items, truth);
    const majorityAccuracy = itemAccuracy(majority.items, truth);
    expect(dsAccuracy).toBeGreaterThan(majorityAccuracy);
    expect(dsAccuracy).toBeGreaterThan(0.9);
  });

  it("recovers every labeler's accuracy within 0.05", () => {
    for (const [labeler, accuracy] of accuracies) {
      expect(Math.abs(ds.labelerAccuracy.get(labeler)! - accuracy)).toBeLessThanOrEqual(0.05);
    }
  });

  it("gives each annotation its item's posterior of the annotation's label", () => {
    expect(ds.annotations).toHaveLength(annotations.length);
    const byItem = new Map(ds.items.map((result) => [result.item, result]));
    for (const annotation of ds.annotations.slice(0, 300)) {
      const item = byItem.get(annotation.item)!;
      expect(annotation.posterior).toBe(item.posteriors[annotation.label]);
      if (annotation.label === item.value) expect(annotation.posterior).toBe(item.confidence);
    }
    for (const item of ds.items) {
      expect(item.confidence).toBe(Math.max(...item.posteriors));
      expect(item.method).toBe('dawid-skene');
    }
  });

  it('pays a bad labeler less per label than a good one', () => {
    const meanPosterior = (labeler: string) => {
      const own = ds.annotations.filter((a) => a.labeler === labeler);
      return own.reduce((sum, a) => sum + a.posterior, 0) / own.length;
    };
    expect(meanPosterior('labeler-0')).toBeGreaterThan(meanPosterior('labeler-4') + 0.3);
  });

  it('falls back to majority vote with too few items', () => {
    const few: ClassificationAnnotation[] = [
      { item: 'a', labeler: 'x', label: 1 },
      { item: 'a', labeler: 'y', label: 1 },
      { item: 'a', labeler: 'z', label: 0 },
      { item: 'b', labeler: 'x', label: 2 },
    ];
    const result = aggregateClassification(few, { classes: 3 });
    expect(result.method).toBe('majority');
    expect(result.reason).toMatch(/fewer than 20/);
    expect(result.items).toEqual([
      { item: 'a', value: 1, confidence: 2 / 3, posteriors: [1 / 3, 2 / 3, 0], method: 'majority' },
      { item: 'b', value: 2, confidence: 1, posteriors: [0, 0, 1], method: 'majority' },
    ]);
    expect(result.annotations.map((a) => a.posterior)).toEqual([2 / 3, 2 / 3, 1 / 3, 1]);
    expect(result.labelerAccuracy.get('x')).toBeCloseTo((2 / 3 + 1) / 2, 12);
    expect(result.labelerAccuracy.get('z')).toBeCloseTo(1 / 3, 12);
  });

  it('pools labelers with few labels instead of giving up on Dawid–Skene', () => {
    const newcomer = [
      ...annotations,
      { item: 'item-0', labeler: 'newcomer', label: truth.get('item-0')! },
      { item: 'item-1', labeler: 'newcomer', label: truth.get('item-1')! },
    ];
    const result = aggregateClassification(newcomer, { classes: 3 });
    expect(result.method).toBe('dawid-skene');
    expect([...result.pooledLabelers]).toEqual(['newcomer']);
    expect(result.labelerAccuracy.get('newcomer')).toBeGreaterThan(0.5);
  });

  it('counts only labels from labelers with enough labels towards minItems', () => {
    // 30 items, each labeled by two labelers who label nothing else: all are pooled, none count.
    const sparse: ClassificationAnnotation[] = [];
    for (let i = 0; i < 30; i++) {
      sparse.push({ item: `i${i}`, labeler: `a${i}`, label: i % 2 });
      sparse.push({ item: `i${i}`, labeler: `b${i}`, label: i % 2 });
    }
    const result = aggregateClassification(sparse, { classes: 2 });
    expect(result.method).toBe('majority');
    expect(result.pooledLabelers.size).toBe(60);
  });

  it('handles no annotations', () => {
    const result = aggregateClassification([], { classes: 2 });
    expect(result.items).toEqual([]);
    expect(result.annotations).toEqual([]);
    expect(result.method).toBe('majority');
  });

  it('rejects a label outside the classes', () => {
    expect(() =>
      aggregateClassification([{ item: 'a', labeler: 'x', label: -1 }], { classes: 2 }),
    ).toThrow(AggregationInputError);
  });
});
