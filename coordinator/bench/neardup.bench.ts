import { mkdir, writeFile } from 'node:fs/promises';
import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { seededRandom } from '@plaza/test-kit/random';
import {
  candidateProbability,
  estimateJaccard,
  LSH_BANDS,
  LSH_ROWS,
  lshBands,
  NEAR_DUPLICATE_JACCARD,
  NEAR_DUPLICATE_MIN_ESTIMATE,
  NEAR_DUPLICATE_THRESHOLD,
} from '../src/dedup/lsh.ts';
import { createMinHasher } from '../src/dedup/minhash.ts';
import { shingleJaccard } from '../src/dedup/shingle-jaccard.ts';
import { createDocument, createVocabulary, createWordSampler } from './corpus.ts';
import { renderCatchRateChart } from './neardup-chart.ts';
import { realNearDuplicateFigures } from './real-text/real-neardup.ts';

/** Pairs generated per similarity bucket. */
const PAIRS_PER_BUCKET = 1500;
/** Lower edges of the true-Jaccard buckets; the last one, [0.9, 1.0], includes identical pairs. */
const BUCKETS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;
const SHINGLE_SIZE = 5;

interface Pair {
  truth: number;
  candidate: boolean;
  estimate: number;
  /** `shingleJaccard`, computed for candidates at or above NEAR_DUPLICATE_MIN_ESTIMATE only. */
  verified: number | undefined;
}

function shingleSet(words: readonly string[]): Set<string> {
  const result = new Set<string>();
  const width = Math.min(SHINGLE_SIZE, words.length);
  for (let i = 0; i + width <= words.length; i++) {
    result.add(words.slice(i, i + width).join(' '));
  }
  return result;
}

/** The exact Jaccard similarity of the two documents' 5-word shingle sets. */
function trueJaccard(a: readonly string[], b: readonly string[]): number {
  const sa = shingleSet(a);
  const sb = shingleSet(b);
  let shared = 0;
  for (const shingle of sa) if (sb.has(shingle)) shared++;
  return shared / (sa.size + sb.size - shared);
}

function bucketOf(j: number): number {
  return Math.min(BUCKETS.length - 1, Math.floor(j * 10 + 1e-9) - 3);
}

/**
 * Mutates a document towards a target Jaccard: scattered edits (substitutions, insertions,
 * deletions at a rate that keeps ~2J/(1+J) of the shingles) or one contiguous block rewritten,
 * as happens when two copies of a page differ in a header, a footer or a paragraph.
 */
function mutate(
  words: readonly string[],
  target: number,
  random: () => number,
  sample: () => string,
): string[] {
  const kept = (2 * target) / (1 + target);
  if (random() < 0.5) {
    const rate = 1 - kept ** (1 / SHINGLE_SIZE);
    const result: string[] = [];
    for (const word of words) {
      const roll = random();
      if (roll >= rate) result.push(word);
      else if (roll < rate * 0.6) result.push(sample());
      else if (roll < rate * 0.8) result.push(word, sample());
      // else: deleted
    }
    return result;
  }
  const span = Math.round((1 - kept) * (words.length - SHINGLE_SIZE + 1));
  const start = Math.floor(random() * (words.length - span + 1));
  const replacement = Array.from({ length: span }, sample);
  return [...words.slice(0, start), ...replacement, ...words.slice(start + span)];
}

/**
 * Near-duplicate detection on a synthetic corpus (vocabulary of 5,000 words, Zipf frequencies,
 * documents of 300–600 words): pairs with controlled true Jaccard over 5-word shingles, bucketed
 * by the exact Jaccard in steps of 0.1. Measures the LSH candidate rate per bucket against the
 * theoretical 1 − (1 − s^8)^14 (averaged over the bucket's pairs), and precision and recall at
 * true Jaccard ≥ 0.8 of two rules: the estimate alone (LSH candidate and estimate ≥
 * NEAR_DUPLICATE_THRESHOLD), and the confirmed rule (LSH candidate, estimate ≥
 * NEAR_DUPLICATE_MIN_ESTIMATE, exact `shingleJaccard` ≥ NEAR_DUPLICATE_JACCARD). Draws
 * bench/charts/neardup-catch-rate.svg. These are `simulated`; the `measured` figures come from
 * the real-text corpus (`real-text/real-neardup.ts`), in the same run.
 */
export const run: BenchRun = async () => {
  const sampled = samplePairs();
  const { figures, series } = catchRateFigures(sampled.buckets);
  figures.push(...ruleFigures(sampled));
  const chart = new URL('../../bench/charts/', import.meta.url);
  await mkdir(chart, { recursive: true });
  await writeFile(new URL('neardup-catch-rate.svg', chart), renderCatchRateChart(series));
  figures.push(...(await realNearDuplicateFigures()));
  return figures;
};

/** The synthetic pairs, bucketed by true Jaccard, and what confirming their candidates cost. */
interface SampledPairs {
  buckets: Pair[][];
  attempts: number;
  verifications: number;
  verifyMs: number;
  maxVerifyError: number;
}

/** Draws pairs of controlled true Jaccard until every bucket holds `PAIRS_PER_BUCKET`. */
function samplePairs(): SampledPairs {
  const random = seededRandom(2024);
  const sample = createWordSampler(createVocabulary(5000, random), random);
  const hasher = createMinHasher();
  const buckets: Pair[][] = BUCKETS.map(() => []);
  let attempts = 0;
  let verifications = 0;
  let verifyMs = 0;
  let maxVerifyError = 0;
  while (buckets.some((bucket) => bucket.length < PAIRS_PER_BUCKET) && attempts < 100_000) {
    attempts++;
    const target = 0.3 + random() * 0.72;
    const a = createDocument(sample, random, 300, 600);
    const b = target >= 1 ? a.slice() : mutate(a, target, random, sample);
    const truth = trueJaccard(a, b);
    if (truth < 0.3) continue;
    const bucket = buckets[bucketOf(truth)]!;
    if (bucket.length >= PAIRS_PER_BUCKET) continue;
    const textA = a.join(' ');
    const textB = b.join(' ');
    const sa = hasher.signature(textA);
    const sb = hasher.signature(textB);
    const bandsA = lshBands(sa);
    const bandsB = lshBands(sb);
    const candidate = bandsA.some((band, i) => band.bucket === bandsB[i]!.bucket);
    const estimate = estimateJaccard(sa, sb);
    let verified: number | undefined;
    if (candidate && estimate >= NEAR_DUPLICATE_MIN_ESTIMATE) {
      const started = performance.now();
      verified = shingleJaccard(textA, textB);
      verifyMs += performance.now() - started;
      verifications++;
      maxVerifyError = Math.max(maxVerifyError, Math.abs(verified - truth));
    }
    bucket.push({ truth, candidate, estimate, verified });
  }

  return { buckets, attempts, verifications, verifyMs, maxVerifyError };
}

/** Per bucket, the LSH candidate rate against its theory (and the chart's series). */
function catchRateFigures(buckets: Pair[][]) {
  const figures: BenchFigure[] = [];
  const series: Array<{ j: number; measured: number; theory: number; pairs: number }> = [];
  BUCKETS.forEach((low, index) => {
    const pairs = buckets[index]!;
    const measured = pairs.filter((pair) => pair.candidate).length / pairs.length;
    const theory =
      pairs.reduce((sum, pair) => sum + candidateProbability(pair.truth, LSH_BANDS, LSH_ROWS), 0) /
      pairs.length;
    const meanJ = pairs.reduce((sum, pair) => sum + pair.truth, 0) / pairs.length;
    series.push({ j: meanJ, measured, theory, pairs: pairs.length });
    figures.push({
      name: `neardup.catch_rate.j${low.toFixed(1)}`,
      value: round(measured),
      unit: 'fraction',
      better: low >= NEAR_DUPLICATE_JACCARD ? 'higher' : 'lower',
      kind: 'simulated',
      baseline: { name: 'LSH theory', value: round(theory), source: 'modelled' },
    });
  });

  return { figures, series };
}

/** Precision and recall at 0.8 of the confirmed and the estimate-only rules, and their cost. */
function ruleFigures(sampled: SampledPairs): BenchFigure[] {
  const { attempts, verifications, verifyMs, maxVerifyError } = sampled;
  const all = sampled.buckets.flat();
  const estimateOnly = precisionRecall(
    all,
    (pair) => pair.candidate && pair.estimate >= NEAR_DUPLICATE_THRESHOLD,
  );
  const confirmed = precisionRecall(
    all,
    (pair) => pair.verified !== undefined && pair.verified >= NEAR_DUPLICATE_JACCARD,
  );
  // Synthetic pairs, and the confirmed rule's truth is the quantity it computes: precision is 1
  // by construction here. The real-text figures below are the measured ones.
  const fraction = (name: string, value: number): BenchFigure => ({
    name,
    value: round(value),
    unit: 'fraction',
    better: 'higher',
    kind: 'simulated',
  });
  const figures: BenchFigure[] = [
    // The ingest rule: LSH candidate, estimate ≥ NEAR_DUPLICATE_MIN_ESTIMATE, exact shingle
    // Jaccard ≥ NEAR_DUPLICATE_JACCARD. The estimate-only rule is reported beside it.
    fraction('neardup.precision_at_0.8', confirmed.precision),
    fraction('neardup.recall_at_0.8', confirmed.recall),
    fraction('neardup.estimate_only.precision_at_0.8', estimateOnly.precision),
    fraction('neardup.estimate_only.recall_at_0.8', estimateOnly.recall),
    {
      name: 'neardup.confirm_ms_per_candidate',
      value: Number((verifyMs / Math.max(1, verifications)).toFixed(4)),
      unit: 'ms',
      better: 'lower',
      kind: 'measured',
    },
  ];

  console.log(
    `  ${all.length} pairs in ${attempts} attempts; ${verifications} verified, ` +
      `max |shingleJaccard − truth| = ${maxVerifyError.toFixed(5)}`,
  );
  console.log(
    `  confirmed (candidate, estimate >= ${NEAR_DUPLICATE_MIN_ESTIMATE}, exact >= ` +
      `${NEAR_DUPLICATE_JACCARD}): precision ${confirmed.precision.toFixed(3)} ` +
      `recall ${confirmed.recall.toFixed(3)}`,
  );
  console.log('  estimate only (candidate and estimate >= t):');
  for (let t = 0.6; t <= 0.851; t += 0.025) {
    const pr = precisionRecall(all, (pair) => pair.candidate && pair.estimate >= t);
    const p = pr.precision.toFixed(3);
    console.log(`    t = ${t.toFixed(3)}: precision ${p} recall ${pr.recall.toFixed(3)}`);
  }
  return figures;
}

function precisionRecall(pairs: readonly Pair[], isDeclared: (pair: Pair) => boolean) {
  let truePositives = 0;
  let falsePositives = 0;
  let positives = 0;
  for (const pair of pairs) {
    const isDuplicate = pair.truth >= NEAR_DUPLICATE_JACCARD;
    const declared = isDeclared(pair);
    if (isDuplicate) positives++;
    if (declared && isDuplicate) truePositives++;
    if (declared && !isDuplicate) falsePositives++;
  }
  return {
    precision: truePositives / Math.max(1, truePositives + falsePositives),
    recall: truePositives / Math.max(1, positives),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
