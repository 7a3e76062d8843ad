import type { TextAnalysis } from './analyze-text.ts';

// C4's heuristics (Raffel et al. 2020), as datatrove's C4QualityFilter applies them in FineWeb
// (with the terminal-punctuation line rule turned off).
/** Min words for a line to be kept (C4). */
export const C4_MIN_WORDS_PER_LINE = 3;
/** Min sentences in the kept lines (C4). */
export const C4_MIN_SENTENCES = 5;
/** Lines holding a longer token are dropped (C4 in datatrove). */
export const C4_MAX_WORD_LENGTH = 1000;
/** Lines holding one of these (lowercased) are dropped as policy boilerplate (C4). */
export const C4_POLICY_SUBSTRINGS = [
  'terms of use',
  'privacy policy',
  'cookie policy',
  'uses cookies',
  'use of cookies',
  'use cookies',
] as const;

/** Matches a document that may hold a phrase the line checks look for (policy ones included). */
const TRIGGERS = /lorem ipsum|javascript|\{|terms of use|privacy policy|cookie/i;

/** The rules of the C4 family (documents with lorem ipsum or `{` are dropped by C4). */
export const C4_RULES = ['lorem_ipsum', 'curly_bracket', 'min_sentences'] as const;

/** A C4 rule. */
export type C4Rule = (typeof C4_RULES)[number];

/** Signals and verdicts of the C4 family. */
export interface C4Result {
  signals: {
    /** Fraction of non-blank lines C4 keeps (≥ 3 words, no javascript, no policy, …). */
    lines_kept_fraction: number;
    /** Sentences in the kept lines. */
    sentences: number;
    /** Lines dropped for mentioning javascript. */
    javascript_lines: number;
    /** Lines dropped as policy boilerplate. */
    policy_lines: number;
    /** A line with 3+ words contains "lorem ipsum". */
    has_lorem_ipsum: boolean;
    /** A line with 3+ words contains `{`. */
    has_curly_bracket: boolean;
  };
  passed: Record<C4Rule, boolean>;
}

/**
 * C4's rules, without rewriting the text: a line is kept when it has ≥ 3 words, no token over
 * 1,000 characters, and no "javascript" or policy phrase; the document fails when a line (of
 * ≥ 3 words) holds "lorem ipsum" or `{`, or when the kept lines hold fewer than 5 sentences.
 * Sentences are counted by terminal punctuation followed by a space, not by NLTK's Punkt.
 */
export function c4(doc: TextAnalysis): C4Result {
  // One scan of the document decides whether any line needs the phrase checks (most do not).
  const needsLineChecks = TRIGGERS.test(doc.text);

  let kept = 0;
  let sentences = 0;
  let javascriptLines = 0;
  let policyLines = 0;
  let hasLoremIpsum = false;
  let hasCurlyBracket = false;
  for (const line of doc.lines) {
    if (line.hasLongWord || line.words < C4_MIN_WORDS_PER_LINE) continue;
    if (needsLineChecks) {
      const lowerLine = line.text.toLowerCase();
      if (lowerLine.includes('lorem ipsum')) {
        hasLoremIpsum = true;
        continue;
      }
      if (lowerLine.includes('javascript')) {
        javascriptLines++;
        continue;
      }
      if (line.text.includes('{')) {
        hasCurlyBracket = true;
        continue;
      }
      if (C4_POLICY_SUBSTRINGS.some((phrase) => lowerLine.includes(phrase))) {
        policyLines++;
        continue;
      }
    }
    kept++;
    sentences += line.sentences;
  }
  return {
    signals: {
      lines_kept_fraction: doc.lines.length === 0 ? 0 : kept / doc.lines.length,
      sentences,
      javascript_lines: javascriptLines,
      policy_lines: policyLines,
      has_lorem_ipsum: hasLoremIpsum,
      has_curly_bracket: hasCurlyBracket,
    },
    passed: {
      lorem_ipsum: !hasLoremIpsum,
      curly_bracket: !hasCurlyBracket,
      min_sentences: sentences >= C4_MIN_SENTENCES,
    },
  };
}
