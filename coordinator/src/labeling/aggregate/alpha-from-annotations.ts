import { krippendorffAlpha } from './krippendorff-alpha.ts';
import type { ClassificationAnnotation } from './types.ts';

/**
 * Nominal Krippendorff's alpha of classification annotations: each item is a unit and each
 * labeler a coder, the annotation's class its value; items with a single label are skipped as
 * unpairable. Use it per batch or per campaign to tell whether the labels are reliable (≥ 0.8)
 * or tentative (0.667–0.8).
 *
 * @example
 * alphaFromAnnotations(annotations) >= 0.8;
 */
export function alphaFromAnnotations(annotations: readonly ClassificationAnnotation[]): number {
  const units = new Map<string, number[]>();
  for (const { item, label } of annotations) {
    const unit = units.get(item);
    if (unit === undefined) units.set(item, [label]);
    else unit.push(label);
  }
  return krippendorffAlpha([...units.values()]);
}
