import type { TextAnalysis } from './analyze-text.ts';

// FineWeb's own rules (Penedo et al. 2024), datatrove's FineWebQualityFilter defaults.
/** Min fraction of lines ending in terminal punctuation (FineWeb). */
export const FINEWEB_MIN_LINE_PUNCT_RATIO = 0.12;
/** Max fraction of short lines (FineWeb). */
export const FINEWEB_MAX_SHORT_LINE_RATIO = 0.67;
/** A line this long or shorter is short, characters (FineWeb). */
export const FINEWEB_SHORT_LINE_LENGTH = 30;
/** Max fraction of characters in duplicated lines (FineWeb). */
export const FINEWEB_MAX_DUP_LINE_CHAR_RATIO = 0.01;
/** Max newlines per word (FineWeb). */
export const FINEWEB_MAX_NEWLINE_RATIO = 0.3;

/** The rules of the FineWeb family. */
export const FINEWEB_RULES = [
  'line_punct_ratio',
  'short_line_ratio',
  'dup_line_char_ratio',
  'newline_ratio',
] as const;

/** A FineWeb rule. */
export type FinewebRule = (typeof FINEWEB_RULES)[number];

/** Signals (named as their rules) and verdicts of the FineWeb family. */
export interface FinewebResult {
  signals: Record<FinewebRule, number>;
  passed: Record<FinewebRule, boolean>;
}

/**
 * FineWeb's rules over the trimmed non-blank lines: the share ending in terminal punctuation,
 * the share of short lines, characters in duplicated lines (of all non-newline characters) and
 * newlines per word. A document without lines fails all four.
 */
export function fineweb(doc: TextAnalysis): FinewebResult {
  const lines = doc.lines;
  const count = lines.length;
  let punctuated = 0;
  let short = 0;
  for (const line of lines) {
    if (line.endsWithTerminal) punctuated++;
    if (line.text.length <= FINEWEB_SHORT_LINE_LENGTH) short++;
  }
  const chars = doc.text.length - doc.newlines;
  const signals = {
    line_punct_ratio: count === 0 ? 0 : punctuated / count,
    short_line_ratio: count === 0 ? 1 : short / count,
    dup_line_char_ratio: chars === 0 ? 1 : doc.duplicateLineChars / chars,
    newline_ratio: doc.wordCount === 0 ? 1 : doc.newlines / doc.wordCount,
  };
  return {
    signals,
    passed: {
      line_punct_ratio: count > 0 && signals.line_punct_ratio >= FINEWEB_MIN_LINE_PUNCT_RATIO,
      short_line_ratio: count > 0 && signals.short_line_ratio <= FINEWEB_MAX_SHORT_LINE_RATIO,
      dup_line_char_ratio:
        count > 0 && signals.dup_line_char_ratio <= FINEWEB_MAX_DUP_LINE_CHAR_RATIO,
      newline_ratio: count > 0 && signals.newline_ratio <= FINEWEB_MAX_NEWLINE_RATIO,
    },
  };
}
