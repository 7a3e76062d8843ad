import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { seededRandom } from '@plaza/test-kit/random';
import { lshBands } from '../src/dedup/lsh.ts';
import { createMinHasher } from '../src/dedup/minhash.ts';
import { contentHash, normalizeText } from '../src/dedup/normalize-text.ts';
import { analyzeText } from '../src/quality/analyze-text.ts';
import { c4 } from '../src/quality/c4.ts';
import { fineweb } from '../src/quality/fineweb.ts';
import { englishArticle } from '../src/quality/fixtures/texts.ts';
import { gopherQuality } from '../src/quality/gopher-quality.ts';
import { gopherRepetition } from '../src/quality/gopher-repetition.ts';
import { identifyLanguage, loadLanguageModel } from '../src/quality/language-id.ts';
import { computeQuality } from '../src/quality/score.ts';

const DOCS = 64;
const ROUNDS = 25;

/** ~4 KB articles: the fixture's paragraphs shuffled, so no two documents are the same string. */
function createDocuments(): string[] {
  const random = seededRandom(4096);
  const [title, ...paragraphs] = englishArticle.split('\n\n');
  return Array.from({ length: DOCS }, (_, d) => {
    const shuffled = paragraphs.slice().sort(() => random() - 0.5);
    return [title, ...shuffled, `Update ${d}: the council meets again next week.`].join('\n\n');
  });
}

/**
 * Runs every measure once per round, round after round, and keeps each one's best time per
 * document (ms): interleaving lets all measures see the same machine load, and the best round is
 * the one least disturbed by other processes.
 */
async function bestTimesPerDoc(
  measures: Record<string, { docs: readonly string[]; work: (doc: string) => unknown }>,
): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, { docs, work }] of Object.entries(measures)) {
      const start = performance.now();
      for (const doc of docs) await work(doc);
      const perDoc = (performance.now() - start) / docs.length;
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, perDoc);
    }
  }
  return best;
}

function figure(name: string, value: number, target?: number): BenchFigure {
  return {
    name,
    value: Number(value.toFixed(4)),
    unit: 'ms',
    better: 'lower',
    kind: 'measured',
    ...(target === undefined ? {} : { target: { op: '<=' as const, value: target } }),
  };
}

/**
 * Per-document cost of the ingest text steps on ~4 KB English articles: the whole
 * `computeQuality`, its rules and its language id apart, and the dedup steps (normalize, content
 * hash, MinHash signature, LSH bands). Times are the best of 25 interleaved rounds, so that
 * other processes on the machine disturb them less.
 */
export const run: BenchRun = async () => {
  const docs = createDocuments();
  await loadLanguageModel();
  const hasher = createMinHasher();
  const rules = (doc: string) => {
    const analysis = analyzeText(doc);
    gopherQuality(analysis);
    gopherRepetition(analysis);
    c4(analysis);
    fineweb(analysis);
  };
  const normalized = docs.map(normalizeText);
  const dedup = (doc: string) => {
    const text = normalizeText(doc);
    contentHash(text);
    lshBands(hasher.signature(text));
  };

  // Warm-up, so every function is optimized before it is timed.
  for (let i = 0; i < 3; i++) {
    for (const doc of docs) {
      await computeQuality(doc, { languages: ['en'] });
      dedup(doc);
    }
  }
  const best = await bestTimesPerDoc({
    quality: { docs, work: (doc) => computeQuality(doc, { languages: ['en'] }) },
    rules: { docs, work: rules },
    analysis: { docs, work: analyzeText },
    language: { docs, work: (doc) => identifyLanguage(doc) },
    normalize: { docs, work: normalizeText },
    signature: { docs: normalized, work: (text) => hasher.signature(text) },
    pipeline: { docs, work: dedup },
  });

  const chars = docs.reduce((sum, doc) => sum + doc.length, 0) / docs.length;
  console.log(`  ${docs.length} documents of ${Math.round(chars)} characters on average`);
  return [
    figure('quality.compute_ms_per_doc', best.quality!, 0.3),
    figure('quality.rules_ms_per_doc', best.rules!),
    figure('quality.analyze_ms_per_doc', best.analysis!),
    figure('quality.language_id_ms_per_doc', best.language!),
    figure('dedup.normalize_ms_per_doc', best.normalize!),
    figure('dedup.signature_ms_per_doc', best.signature!, 0.2),
    figure('dedup.ingest_ms_per_doc', best.pipeline!),
  ];
};
