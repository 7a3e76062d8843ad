import type { TextAnalysis } from './analyze-text.ts';

// Thresholds of Gopher's quality filter (Rae et al. 2021, appendix A), as datatrove's
// GopherQualityFilter and FineWeb use them.
/** Min words (tokens with a non-punctuation character) (Gopher). */
export const GOPHER_MIN_WORDS = 50;
/** Max words (Gopher). */
export const GOPHER_MAX_WORDS = 100_000;
/** Min mean word length, characters (Gopher). */
export const GOPHER_MIN_MEAN_WORD_LENGTH = 3;
/** Max mean word length, characters (Gopher). */
export const GOPHER_MAX_MEAN_WORD_LENGTH = 10;
/** Max `#` per word and max ellipses per word (Gopher). */
export const GOPHER_MAX_SYMBOL_WORD_RATIO = 0.1;
/** Max fraction of lines starting with a bullet (Gopher). */
export const GOPHER_MAX_BULLET_LINES_RATIO = 0.9;
/** Max fraction of lines ending with an ellipsis (Gopher). */
export const GOPHER_MAX_ELLIPSIS_LINES_RATIO = 0.3;
/** Min fraction of words with at least one letter (Gopher). */
export const GOPHER_MIN_ALPHA_WORDS_RATIO = 0.8;
/** Min number of Gopher stop words: the, be, to, of, and, that, have, with (Gopher). */
export const GOPHER_MIN_STOP_WORDS = 2;

/** The rules of the Gopher quality family. */
export const GOPHER_QUALITY_RULES = [
  'min_words',
  'max_words',
  'mean_word_length',
  'hash_ratio',
  'ellipsis_ratio',
  'bullet_lines',
  'ellipsis_lines',
  'alpha_words',
  'stop_words',
] as const;

/** A Gopher quality rule. */
export type GopherQualityRule = (typeof GOPHER_QUALITY_RULES)[number];

/** Signals and verdicts of the Gopher quality family. */
export interface GopherQualityResult {
  signals: {
    /** Tokens with a character that is not punctuation or a symbol. */
    word_count: number;
    /** Mean length of those tokens, leading and trailing punctuation excluded. */
    mean_word_length: number;
    /** `#` per token. */
    hash_ratio: number;
    /** `...` and `…` per token. */
    ellipsis_ratio: number;
    /** Fraction of non-blank lines starting with a bullet. */
    bullet_lines_ratio: number;
    /** Fraction of non-blank lines ending with an ellipsis. */
    ellipsis_lines_ratio: number;
    /** Fraction of tokens with a letter. */
    alpha_words_ratio: number;
    /** Gopher stop words present (case-insensitive, with repeats). */
    stop_words: number;
  };
  passed: Record<GopherQualityRule, boolean>;
}

/** Options of {@link gopherQuality}. */
export interface GopherQualityOptions {
  /**
   * The document's language (lid.176 code), when known. Gopher's stop words are English, so for
   * another language the stop-word rule passes whatever the count (FineWeb-2's per-language lists
   * are not implemented).
   */
  language?: string;
}

/**
 * Gopher's quality rules: document length in words, mean word length, `#` and ellipsis per
 * word, bullet and ellipsis lines, words with letters and stop words. Ratios "per word" divide
 * by all tokens, as datatrove does; an empty document fails every rule that needs words.
 */
export function gopherQuality(
  doc: TextAnalysis,
  options: GopherQualityOptions = {},
): GopherQualityResult {
  const english = options.language === undefined || options.language === 'en';
  const tokens = doc.wordCount;
  const words = doc.nonSymbolWords;
  const lines = doc.lines.length;
  let bulletLines = 0;
  let ellipsisLines = 0;
  for (const line of doc.lines) {
    if (line.startsWithBullet) bulletLines++;
    if (line.endsWithEllipsis) ellipsisLines++;
  }
  const signals = {
    word_count: words,
    mean_word_length: words === 0 ? 0 : doc.nonSymbolWordChars / words,
    hash_ratio: tokens === 0 ? 0 : doc.hashCount / tokens,
    ellipsis_ratio: tokens === 0 ? 0 : doc.ellipsisCount / tokens,
    bullet_lines_ratio: lines === 0 ? 0 : bulletLines / lines,
    ellipsis_lines_ratio: lines === 0 ? 0 : ellipsisLines / lines,
    alpha_words_ratio: tokens === 0 ? 0 : doc.alphaWords / tokens,
    stop_words: doc.stopWords,
  };
  return {
    signals,
    passed: {
      min_words: words >= GOPHER_MIN_WORDS,
      max_words: words <= GOPHER_MAX_WORDS,
      mean_word_length:
        signals.mean_word_length >= GOPHER_MIN_MEAN_WORD_LENGTH &&
        signals.mean_word_length <= GOPHER_MAX_MEAN_WORD_LENGTH,
      hash_ratio: signals.hash_ratio <= GOPHER_MAX_SYMBOL_WORD_RATIO,
      ellipsis_ratio: signals.ellipsis_ratio <= GOPHER_MAX_SYMBOL_WORD_RATIO,
      bullet_lines: signals.bullet_lines_ratio <= GOPHER_MAX_BULLET_LINES_RATIO,
      ellipsis_lines: signals.ellipsis_lines_ratio <= GOPHER_MAX_ELLIPSIS_LINES_RATIO,
      alpha_words: signals.alpha_words_ratio >= GOPHER_MIN_ALPHA_WORDS_RATIO,
      stop_words: !english || signals.stop_words >= GOPHER_MIN_STOP_WORDS,
    },
  };
}
