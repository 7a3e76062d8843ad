import { describe, expect, it } from 'vitest';
import { simulateLabelers } from './simulate-labelers.ts';

describe('simulateLabelers', () => {
  const { annotations, truth, accuracies } = simulateLabelers({
    accuracies: [0.95, 0.9, 0.85, 0.55, 0.45],
    seed: 1,
  });

  it('gives each of 2,000 balanced items 3 distinct labelers', () => {
    expect(truth.size).toBe(2000);
    expect(annotations).toHaveLength(6000);
    const perItem = new Map<string, Set<string>>();
    for (const { item, labeler } of annotations) {
      perItem.set(item, (perItem.get(item) ?? new Set()).add(labeler));
    }
    expect([...perItem.values()].every((labelers) => labelers.size === 3)).toBe(true);
    const perClass = [0, 0, 0];
    for (const c of truth.values()) perClass[c]!++;
    expect(perClass).toEqual([667, 667, 666]);
  });

  it('makes labelers right at their accuracy and wrong uniformly', () => {
    for (const [labeler, accuracy] of accuracies) {
      const own = annotations.filter((a) => a.labeler === labeler);
      const right = own.filter((a) => a.label === truth.get(a.item)).length;
      expect(Math.abs(right / own.length - accuracy)).toBeLessThan(0.04);
    }
    // Wrong answers on class 0 split evenly between classes 1 and 2.
    const wrong = annotations.filter((a) => truth.get(a.item) === 0 && a.label !== 0);
    const ones = wrong.filter((a) => a.label === 1).length;
    expect(Math.abs(ones / wrong.length - 0.5)).toBeLessThan(0.06);
  });

  it('is seeded', () => {
    const again = simulateLabelers({ accuracies: [0.95, 0.9, 0.85, 0.55, 0.45], seed: 1 });
    expect(again.annotations).toEqual(annotations);
    const other = simulateLabelers({ accuracies: [0.95, 0.9, 0.85, 0.55, 0.45], seed: 2 });
    expect(other.annotations).not.toEqual(annotations);
  });
});
