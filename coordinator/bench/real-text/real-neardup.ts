import type { BenchFigure } from '@plaza/test-kit/bench';
import { seededRandom } from '@plaza/test-kit/random';
import { NEAR_DUPLICATE_JACCARD } from '../../src/dedup/index.ts';
import { shingleIdSets, similarPairs } from './jaccard-truth.ts';
import { loadRealCorpus, type RealDocument } from './load-corpus.ts';
import { foldDigits, INGEST_POLICY, type StreamPolicy, streamDedup } from './stream-dedup.ts';

/** Seed of the order in which documents arrive. */
const ORDER_SEED = 14;

interface Score {
  precision: number;
  recall: number;
  positives: number;
  declared: number;
}

/** Documents that truly duplicate an earlier one: exact Jaccard ≥ 0.8 with any document before. */
function truePositives(documents: readonly RealDocument[], order: readonly number[]): Set<number> {
  const sets = shingleIdSets(documents.map((d) => d.text));
  const position = new Map(order.map((id, i) => [id, i]));
  const positives = new Set<number>();
  for (const { a, b } of similarPairs(sets, NEAR_DUPLICATE_JACCARD)) {
    positives.add(position.get(a)! > position.get(b)! ? a : b);
  }
  return positives;
}

function score(declared: ReadonlySet<number>, positives: ReadonlySet<number>): Score {
  let hits = 0;
  for (const id of declared) if (positives.has(id)) hits++;
  return {
    precision: declared.size === 0 ? 1 : hits / declared.size,
    recall: positives.size === 0 ? 1 : hits / positives.size,
    positives: positives.size,
    declared: declared.size,
  };
}

function shuffled(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Near-duplicate detection on the frozen real-text corpus (`real-text/`, ~3,800 licence texts,
 * READMEs, changelog releases and Debian uploads, copyright files): documents arrive in a seeded
 * random order and go through the coordinator's dedup code as in ingest; a document is a true
 * duplicate when its exact 5-word-shingle Jaccard (computed apart, digits kept) with some earlier
 * document is ≥ 0.8. Precision: share of declared duplicates that are true; recall: share of true
 * duplicates declared. The ingest rule is reported with, as its baseline, the rule it replaced
 * (digits folded to 0, each group compared through its first text only), and beside it the
 * estimate-only rule and each fix alone. All measured in this run.
 */
export async function realNearDuplicateFigures(): Promise<BenchFigure[]> {
  const documents = await loadRealCorpus();
  const texts = documents.map((d) => d.text);
  const order = shuffled(documents.length, ORDER_SEED);
  const started = performance.now();
  const positives = truePositives(documents, order);
  const truthSeconds = (performance.now() - started) / 1000;
  const run = (policy: StreamPolicy) => score(streamDedup(texts, order, policy), positives);
  const ingest = run(INGEST_POLICY);
  const before = run({ normalize: foldDigits, rule: 'confirmed', members: 'first' });
  const digitsOnly = run({ ...INGEST_POLICY, members: 'first' });
  const membersOnly = run({ ...INGEST_POLICY, normalize: foldDigits });
  const estimate = run({ ...INGEST_POLICY, rule: 'estimate' });

  console.log(
    `  real text: ${documents.length} documents, ${ingest.positives} true duplicates of an ` +
      `earlier one (exact Jaccard truth in ${truthSeconds.toFixed(1)} s)`,
  );
  const rows: [string, Score][] = [
    ['ingest rule (digits kept, every member)', ingest],
    ['digits kept, first member only', digitsOnly],
    ['digits folded, every member', membersOnly],
    ['before: digits folded, first member only', before],
    ['estimate only (>= 0.8), digits kept, every member', estimate],
  ];
  for (const [name, s] of rows) {
    console.log(
      `    ${name.padEnd(52)} precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} ` +
        `(${s.declared} declared)`,
    );
  }
  const baselineName = 'before: digits folded to 0, first member of each group only';
  const figure = (name: string, value: number, baseline?: number, target = false): BenchFigure => ({
    name,
    value: round(value),
    unit: 'fraction',
    better: 'higher',
    kind: 'measured',
    ...(baseline === undefined ? {} : { baseline: { name: baselineName, value: round(baseline) } }),
    ...(target ? { target: { op: '>=' as const, value: 0.95 } } : {}),
  });
  return [
    figure('neardup.real.precision_at_0.8', ingest.precision, before.precision, true),
    figure('neardup.real.recall_at_0.8', ingest.recall, before.recall, true),
    figure('neardup.real.estimate_only.precision_at_0.8', estimate.precision, before.precision),
    figure('neardup.real.estimate_only.recall_at_0.8', estimate.recall, before.recall),
  ];
}
