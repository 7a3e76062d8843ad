import { analyzeText } from './analyze-text.ts';
import { type C4Rule, c4 } from './c4.ts';
import { type FinewebRule, fineweb } from './fineweb.ts';
import { type GopherQualityRule, gopherQuality } from './gopher-quality.ts';
import { type GopherRepetitionRule, gopherRepetition } from './gopher-repetition.ts';
import { identifyLanguage } from './language-id.ts';

/** Min confidence of an allowed language (FineWeb's fastText threshold). */
export const LANGUAGE_MIN_CONFIDENCE = 0.65;

/** Every rule of {@link computeQuality}, named `family.rule`. */
export type QualityRule =
  | `gopher_quality.${GopherQualityRule}`
  | `gopher_repetition.${GopherRepetitionRule}`
  | `c4.${C4Rule}`
  | `fineweb.${FinewebRule}`
  | 'language';

/** Penalty of rules whose failure means the text is not a prose document at all. */
const DOCUMENT_PENALTY = 0.75;
/** Penalty of the other rules. */
const RULE_PENALTY = 0.3;

/**
 * How much a failed rule costs: the score is multiplied by `1 − penalty` for each failed rule.
 * Rules that decide whether the text is a document at all (too short, no stop words, not words,
 * placeholder text, no sentences) cost 0.75; the others 0.3. `language` costs nothing here: the
 * score is multiplied by the allowed languages' confidence instead.
 */
export const QUALITY_RULE_PENALTIES: Readonly<Record<QualityRule, number>> = Object.freeze({
  'gopher_quality.min_words': DOCUMENT_PENALTY,
  'gopher_quality.max_words': RULE_PENALTY,
  'gopher_quality.mean_word_length': DOCUMENT_PENALTY,
  'gopher_quality.hash_ratio': RULE_PENALTY,
  'gopher_quality.ellipsis_ratio': RULE_PENALTY,
  'gopher_quality.bullet_lines': RULE_PENALTY,
  'gopher_quality.ellipsis_lines': RULE_PENALTY,
  'gopher_quality.alpha_words': DOCUMENT_PENALTY,
  'gopher_quality.stop_words': DOCUMENT_PENALTY,
  'gopher_repetition.dup_line_frac': RULE_PENALTY,
  'gopher_repetition.dup_para_frac': RULE_PENALTY,
  'gopher_repetition.dup_line_char_frac': RULE_PENALTY,
  'gopher_repetition.dup_para_char_frac': RULE_PENALTY,
  'gopher_repetition.top_2gram_char_frac': RULE_PENALTY,
  'gopher_repetition.top_3gram_char_frac': RULE_PENALTY,
  'gopher_repetition.top_4gram_char_frac': RULE_PENALTY,
  'gopher_repetition.dup_5gram_char_frac': RULE_PENALTY,
  'gopher_repetition.dup_6gram_char_frac': RULE_PENALTY,
  'gopher_repetition.dup_7gram_char_frac': RULE_PENALTY,
  'gopher_repetition.dup_8gram_char_frac': RULE_PENALTY,
  'gopher_repetition.dup_9gram_char_frac': RULE_PENALTY,
  'gopher_repetition.dup_10gram_char_frac': RULE_PENALTY,
  'c4.lorem_ipsum': DOCUMENT_PENALTY,
  'c4.curly_bracket': RULE_PENALTY,
  'c4.min_sentences': DOCUMENT_PENALTY,
  'fineweb.line_punct_ratio': RULE_PENALTY,
  'fineweb.short_line_ratio': RULE_PENALTY,
  'fineweb.dup_line_char_ratio': RULE_PENALTY,
  'fineweb.newline_ratio': RULE_PENALTY,
  language: 0,
});

/** Options of {@link computeQuality}. */
export interface ComputeQualityOptions {
  /** The campaign's languages (lid.176 codes such as `en`); absent or empty: any language. */
  languages?: readonly string[];
}

/** Quality signals, rule verdicts and the derived score of one document. */
export interface QualityResult {
  /** Every measured signal, named `family.signal` (plus `language`, `language_confidence`). */
  signals: Record<string, number | boolean | string>;
  /** Each rule's verdict; `language` is true when the campaign does not restrict languages. */
  passed: Record<QualityRule, boolean>;
  /** In [0, 1]: the product of `1 − penalty` over failed rules, times the language factor. */
  score: number;
  /** lid.176's most likely language (`und` for a text without characters). */
  language: string;
  languageConfidence: number;
}

/**
 * Computes a document's quality signals (Gopher quality and repetition, C4, FineWeb, language)
 * and derives a score in [0, 1]: each failed rule multiplies the score by `1 − penalty` (see
 * {@link QUALITY_RULE_PENALTIES}); when the campaign restricts languages the score is also
 * multiplied by the model's confidence summed over the allowed languages among its top 3. The
 * score only rises when a rule passes or the language confidence rises. Signals are stored, not
 * just the score, as RedPajama-V2 does.
 *
 * @example
 * const { score, passed } = await computeQuality(text, { languages: ['en'] });
 */
export async function computeQuality(
  text: string,
  options: ComputeQualityOptions = {},
): Promise<QualityResult> {
  return scoreQuality(await measureQuality(text), options);
}

/** What {@link computeQuality} measures before it knows the campaign (the costly part). */
export interface QualityMeasure {
  signals: Record<string, number | boolean | string>;
  /** Every rule's verdict but `language`. */
  passed: Record<Exclude<QualityRule, 'language'>, boolean>;
  language: string;
  languageConfidence: number;
  /** lid.176's top guesses. */
  candidates: readonly { language: string; confidence: number }[];
}

/**
 * Measures a document's signals and rule verdicts and guesses its language: everything of
 * {@link computeQuality} that does not depend on the campaign. Ingest runs it in a worker thread.
 */
export async function measureQuality(text: string): Promise<QualityMeasure> {
  const guess = await identifyLanguage(text);
  const doc = analyzeText(text);
  const signals: Record<string, number | boolean | string> = {};
  const passed = {} as Record<Exclude<QualityRule, 'language'>, boolean>;
  collectGopherQuality(gopherQuality(doc, { language: guess.language }), signals, passed);
  collectGopherRepetition(gopherRepetition(doc), signals, passed);
  collectC4(c4(doc), signals, passed);
  collectFineweb(fineweb(doc), signals, passed);
  signals.language = guess.language;
  signals.language_confidence = guess.confidence;
  return {
    signals,
    passed,
    language: guess.language,
    languageConfidence: guess.confidence,
    candidates: guess.candidates,
  };
}

/** Derives {@link computeQuality}'s result from a measure and the campaign's languages. */
export function scoreQuality(
  measure: QualityMeasure,
  options: ComputeQualityOptions = {},
): QualityResult {
  const signals = { ...measure.signals };
  const passed = { ...measure.passed } as Record<QualityRule, boolean>;
  let languageFactor = 1;
  const languages = options.languages ?? [];
  if (languages.length > 0) {
    languageFactor = 0;
    for (const candidate of measure.candidates) {
      if (languages.includes(candidate.language)) languageFactor += candidate.confidence;
    }
    languageFactor = Math.min(1, languageFactor);
    signals.language_allowed_confidence = languageFactor;
  }
  passed.language = languages.length === 0 || languageFactor >= LANGUAGE_MIN_CONFIDENCE;

  let score = languageFactor;
  for (const rule in passed) {
    if (!passed[rule as QualityRule]) score *= 1 - QUALITY_RULE_PENALTIES[rule as QualityRule];
  }
  return {
    signals,
    passed,
    score,
    language: measure.language,
    languageConfidence: measure.languageConfidence,
  };
}

interface FamilyResult {
  signals: object;
  passed: object;
}

/**
 * Copies a family's signals and verdicts under `family.name` keys. The prefixed keys are built
 * once, from the first result (a family always returns the same keys in the same order), so a
 * call only copies values.
 */
function createCollector(family: string) {
  let signalKeys: Array<[string, string]> | undefined;
  let ruleKeys: Array<[string, string]> | undefined;
  return (
    result: FamilyResult,
    signals: Record<string, number | boolean | string>,
    passed: Record<string, boolean>,
  ): void => {
    signalKeys ??= Object.keys(result.signals).map((name) => [name, `${family}.${name}`]);
    ruleKeys ??= Object.keys(result.passed).map((name) => [name, `${family}.${name}`]);
    const values = result.signals as Record<string, number | boolean>;
    const verdicts = result.passed as Record<string, boolean>;
    for (const [name, key] of signalKeys) signals[key] = values[name]!;
    for (const [name, key] of ruleKeys) passed[key] = verdicts[name]!;
  };
}

const collectGopherQuality = createCollector('gopher_quality');
const collectGopherRepetition = createCollector('gopher_repetition');
const collectC4 = createCollector('c4');
const collectFineweb = createCollector('fineweb');
