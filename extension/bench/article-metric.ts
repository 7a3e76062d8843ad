// The article-extraction benchmark's metric, written from the description in
// shared/benchmarks/article-extraction/README.md: 4-token shingles compared as multisets, each
// page's TP/FP/FN normalized by their sum, precision and recall averaged over pages, F1 of those
// two means, accuracy as exact token-list equality.

/** Python's Unicode `\w`: letters, numbers and the underscore (combining marks split words). */
const WORD_RUN = /[\p{L}\p{N}_]+/gu;

/** Joins the tokens of a shingle; cannot occur inside a token. */
const SEPARATOR = '\u0001';

/** Shingle length of the benchmark. */
const SHINGLE_SIZE = 4;

/** One page's normalized counts and whether its tokens match the truth exactly. */
export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  exact: boolean;
}

/** The benchmark's summary over all pages. */
export interface ArticleMetric {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
}

/**
 * Splits text into maximal runs of Unicode word characters, in order.
 *
 * @example tokenize("It's 4 o'clock") // ['It', 's', '4', 'o', 'clock']
 */
export function tokenize(text: string): string[] {
  return text.match(WORD_RUN) ?? [];
}

/**
 * Counts every run of `size` consecutive tokens; fewer than `size` tokens make one shingle of
 * what there is (the empty text makes one empty shingle, as in the reference evaluation).
 */
export function countShingles(tokens: readonly string[], size = SHINGLE_SIZE): Map<string, number> {
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - size + 1);
  for (let i = 0; i < last; i++) {
    const key = tokens.slice(i, i + size).join(SEPARATOR);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Scores one page: TP, FP and FN over shingle multisets, divided by their sum. */
export function scorePage(truth: string, predicted: string): PageScore {
  const trueTokens = tokenize(truth);
  const predTokens = tokenize(predicted);
  const trueCounts = countShingles(trueTokens);
  const predCounts = countShingles(predTokens);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, predCount] of predCounts) {
    const trueCount = trueCounts.get(key) ?? 0;
    tp += Math.min(trueCount, predCount);
    fp += Math.max(0, predCount - trueCount);
  }
  for (const [key, trueCount] of trueCounts) {
    fn += Math.max(0, trueCount - (predCounts.get(key) ?? 0));
  }
  const total = tp + fp + fn;
  const exact =
    trueTokens.length === predTokens.length && trueTokens.every((t, i) => t === predTokens[i]);
  if (total === 0) return { tp: 0, fp: 0, fn: 0, exact };
  return { tp: tp / total, fp: fp / total, fn: fn / total, exact };
}

/** Precision of one page: 1 when nothing is wrong, 0 when nothing was predicted right. */
export function pagePrecision({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

/** Recall of one page: 1 when nothing is wrong, 0 when nothing true was found. */
export function pageRecall({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/** Averages per-page precision and recall (over pages where each is defined) into the summary. */
export function summarize(pages: readonly PageScore[]): ArticleMetric {
  const precisions = pages.filter((p) => p.tp + p.fp > 0).map(pagePrecision);
  const recalls = pages.filter((p) => p.tp + p.fn > 0).map(pageRecall);
  const precision = mean(precisions);
  const recall = mean(recalls);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = pages.length > 0 ? pages.filter((p) => p.exact).length / pages.length : 0;
  return { f1, precision, recall, accuracy };
}

/**
 * Scores predictions against truths, page by page in the same order.
 *
 * @example evaluateArticles(['a b c d e'], ['a b c d']).recall // 0.5
 */
export function evaluateArticles(
  truths: readonly string[],
  predictions: readonly string[],
): ArticleMetric {
  if (truths.length !== predictions.length) {
    throw new Error(
      `Article metric got ${predictions.length} predictions for ${truths.length} truths.`,
    );
  }
  return summarize(truths.map((truth, i) => scorePage(truth, predictions[i] ?? '')));
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
