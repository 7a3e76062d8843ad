import { type Hex, keccak256, stringToBytes } from 'viem';
import { defaultRuleV2Params, type RuleV2Params } from '../src/attribution/v2/params.ts';
import type { ValuationRow } from '../src/attribution/v2/value-rows.ts';
import { loadSpamCorpus, type SpamEmail } from './spam-corpus.ts';

/** A seeded 32-bit LCG: the same draws in every run. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

/** The rule's parameters in the benchmark: the defaults (K = 10, T = 100, 1,000 validation rows). */
export const benchParams: RuleV2Params = defaultRuleV2Params;

/** The beacon of every benchmark valuation. */
export const benchBeacon: Hex = keccak256(stringToBytes('plaza attribution bench'));

/** The corpus split into a version's rows and a held-out test set (true labels), with noise. */
export interface Scenario {
  emails: SpamEmail[];
  test: Array<{ text: string; label: string }>;
  rows: ValuationRow[];
  /** Rows whose label was flipped. */
  flipped: boolean[];
}

let corpus: Promise<SpamEmail[]> | null = null;

/**
 * The SpamAssassin corpus (6,046 emails, headers and body) as a campaign's version: a fifth held
 * out as test set, labels flipped on `noise` of the rest, and 40 % of the unflipped rows marked
 * as validation candidates (gold, reviewed or high-agreement rows carry correct labels).
 */
export async function scenario(noise: number, seed = 1): Promise<Scenario> {
  corpus ??= loadSpamCorpus({ headers: true });
  const emails = await corpus;
  const rand = seeded(seed);
  const label = (spam: boolean) => (spam ? 'spam' : 'ham');
  const test: SpamEmail[] = [];
  const version: SpamEmail[] = [];
  for (const email of emails) (rand() < 0.2 ? test : version).push(email);
  const flipped = version.map(() => rand() < noise);
  const rows = version.map((email, i) => ({
    text: email.text,
    label: label(email.spam !== flipped[i]),
    candidate: !flipped[i] && rand() < 0.4,
  }));
  return {
    emails: version,
    test: test.map((e) => ({ text: e.text, label: label(e.spam) })),
    rows,
    flipped,
  };
}

/** P(score of a positive < score of a negative), ties counting half: the AUC of "low means bad". */
export function aucLow(
  scores: readonly number[],
  positive: readonly boolean[],
  keep: (i: number) => boolean,
): number {
  const pos: number[] = [];
  const neg: number[] = [];
  scores.forEach((s, i) => {
    if (keep(i)) (positive[i] ? pos : neg).push(s);
  });
  neg.sort((a, b) => a - b);
  let wins = 0;
  for (const p of pos) {
    // Negatives above p, plus half of those equal.
    let lo = 0;
    let hi = neg.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((neg[mid] as number) <= p) lo = mid + 1;
      else hi = mid;
    }
    let eq = lo;
    while (eq > 0 && neg[eq - 1] === p) eq--;
    wins += neg.length - lo + (lo - eq) / 2;
  }
  return pos.length === 0 || neg.length === 0 ? 0 : wins / (pos.length * neg.length);
}
