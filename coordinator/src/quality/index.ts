export { analyzeText, type LineInfo, type TextAnalysis } from './analyze-text.ts';
export { C4_RULES, type C4Result, type C4Rule, c4 } from './c4.ts';
export { FINEWEB_RULES, type FinewebResult, type FinewebRule, fineweb } from './fineweb.ts';
export {
  GOPHER_QUALITY_RULES,
  type GopherQualityOptions,
  type GopherQualityResult,
  type GopherQualityRule,
  gopherQuality,
} from './gopher-quality.ts';
export {
  GOPHER_REPETITION_RULES,
  type GopherRepetitionResult,
  type GopherRepetitionRule,
  gopherRepetition,
} from './gopher-repetition.ts';
export {
  type IdentifyLanguageOptions,
  type IdentifyLanguageResult,
  identifyLanguage,
  LANGUAGE_ID_MAX_CHARS,
  type LanguageGuess,
  LanguageModelLoadError,
  loadLanguageModel,
} from './language-id.ts';
export {
  type ComputeQualityOptions,
  computeQuality,
  LANGUAGE_MIN_CONFIDENCE,
  measureQuality,
  QUALITY_RULE_PENALTIES,
  type QualityMeasure,
  type QualityResult,
  type QualityRule,
  scoreQuality,
} from './score.ts';
