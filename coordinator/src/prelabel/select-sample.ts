import { randomInt } from 'node:crypto';

/**
 * Which of a batch's `count` items the coordinator recomputes: all of them when `all`, otherwise
 * `max(minimum, ceil(rate × count))` drawn uniformly with a CSPRNG after the batch arrived, so a
 * device cannot know which of its outputs will be checked. Returns sorted indexes.
 *
 * @example
 * selectSample({ count: 64, rate: 0.1, minimum: 4, all: false }); // 7 indexes
 */
export function selectSample(params: {
  count: number;
  rate: number;
  minimum: number;
  all: boolean;
  randomIndex?: (max: number) => number;
}): number[] {
  const indexes = Array.from({ length: params.count }, (_, i) => i);
  const size = params.all
    ? params.count
    : Math.min(params.count, Math.max(params.minimum, Math.ceil(params.rate * params.count)));
  const draw = params.randomIndex ?? ((max: number) => randomInt(max));
  // Partial Fisher–Yates: the first `size` entries are a uniform sample.
  for (let i = 0; i < size; i++) {
    const j = i + draw(params.count - i);
    [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
  }
  return indexes.slice(0, size).sort((a, b) => a - b);
}
