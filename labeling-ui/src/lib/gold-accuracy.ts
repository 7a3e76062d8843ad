import type { GoldAccuracy } from '@plaza/protocol';
import { formatPercent } from './format.ts';

/**
 * Gold accuracy in words: `82.0 % (95 % interval 70.1 %–90.2 %) over 25 gold answers`, or, before
 * the minimum, `3 more gold answers needed`.
 */
export function describeGoldAccuracy(gold: GoldAccuracy): string {
  if (gold.estimate === null || gold.low === null || gold.high === null) {
    const missing = Math.max(1, gold.minAnswers - gold.answered);
    return `${missing} more gold ${missing === 1 ? 'answer' : 'answers'} needed`;
  }
  const noun = gold.answered === 1 ? 'gold answer' : 'gold answers';
  return `${formatPercent(gold.estimate)} (95 % interval ${formatPercent(gold.low)}–${formatPercent(
    gold.high,
  )}) over ${gold.answered} ${noun}`;
}
