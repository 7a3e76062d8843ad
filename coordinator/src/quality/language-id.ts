/** A language code of fastText's lid.176 (ISO 639-1 where one exists: `en`, `fr`, `de`…). */
export interface LanguageGuess {
  language: string;
  /** The model's probability, in [0, 1]. */
  confidence: number;
}

/** The most likely language, and the top candidates in decreasing confidence. */
export interface IdentifyLanguageResult extends LanguageGuess {
  candidates: LanguageGuess[];
}

/** Options of {@link identifyLanguage}. */
export interface IdentifyLanguageOptions {
  /** Candidates to return. @default 3 */
  topK?: number;
  /** Characters the model reads, from the middle of the text, cut at spaces. @default 500 */
  maxChars?: number;
}

/**
 * Characters the model reads by default. lid.176 in wasm costs ~0.18 ms per 1,000 characters
 * here, so a whole 4 KB page would take more than the ingest budget gives all quality rules; a
 * paragraph (~80 words) from the middle of the text, away from titles and bylines, is enough for
 * a confident answer in the languages campaigns ask for.
 */
export const LANGUAGE_ID_MAX_CHARS = 500;

/** The language of a text with nothing to identify. */
export const UNDETERMINED_LANGUAGE = 'und';

/** The lid.176 model failed to load: the package or its files are missing or broken. */
export class LanguageModelLoadError extends Error {
  readonly code = 'LANGUAGE_MODEL_LOAD_FAILED';
  readonly status = 500;
  readonly retryable = false;
  constructor(options: { cause: unknown }) {
    super('The fastText lid.176 language model of fasttext.wasm.js could not be loaded.', options);
    this.name = 'LanguageModelLoadError';
  }
}

interface Prediction {
  size(): number;
  get(index: number): [number, string];
  delete(): void;
}
interface Predictor {
  predict(text: string, k: number, threshold: number): Prediction;
}

const LABEL_PREFIX = '__label__';
const LINE_BREAKS = /[\r\n]+/g;

// The model is a read-only resource of ~1 MB of wasm memory: one per process, loaded on first use.
let predictor: Promise<Predictor> | undefined;

/**
 * Loads fastText's lid.176 model (bundled in the `fasttext.wasm.js` package, read from disk, no
 * network) once per process. Call it at start to keep the first request fast; later calls reuse
 * the loaded model.
 *
 * @throws LanguageModelLoadError when the package cannot load its wasm or model.
 */
export async function loadLanguageModel(): Promise<void> {
  await getPredictor();
}

function getPredictor(): Promise<Predictor> {
  predictor ??= (async () => {
    try {
      const { getLIDModel } = await import('fasttext.wasm.js');
      const model = await getLIDModel();
      return (await model.load()) as unknown as Predictor;
    } catch (cause) {
      predictor = undefined;
      throw new LanguageModelLoadError({ cause });
    }
  })();
  return predictor;
}

/**
 * Identifies the language of a text with fastText's lid.176 (FineWeb keeps a document when the
 * top language's confidence is ≥ 0.65). Reads `maxChars` characters from the middle of the text,
 * with line breaks turned into spaces (fastText reads one line). A text without any non-space
 * character is `und` with confidence 0.
 *
 * @example
 * const { language, confidence } = await identifyLanguage('Der Stadtrat hat getagt.'); // 'de'
 */
export async function identifyLanguage(
  text: string,
  options: IdentifyLanguageOptions = {},
): Promise<IdentifyLanguageResult> {
  const model = await getPredictor();
  return predictLanguage(model, text, options);
}

function predictLanguage(
  model: Predictor,
  text: string,
  { topK = 3, maxChars = LANGUAGE_ID_MAX_CHARS }: IdentifyLanguageOptions,
): IdentifyLanguageResult {
  const sample = sampleText(text, maxChars);
  if (sample.trim() === '') {
    return { language: UNDETERMINED_LANGUAGE, confidence: 0, candidates: [] };
  }
  const prediction = model.predict(sample, topK, 0);
  try {
    const candidates: LanguageGuess[] = [];
    for (let i = 0; i < prediction.size(); i++) {
      const [probability, label] = prediction.get(i);
      candidates.push({
        language: label.startsWith(LABEL_PREFIX) ? label.slice(LABEL_PREFIX.length) : label,
        confidence: Math.min(1, Math.max(0, probability)),
      });
    }
    const top = candidates[0] ?? { language: UNDETERMINED_LANGUAGE, confidence: 0 };
    return { language: top.language, confidence: top.confidence, candidates };
  } finally {
    // The vector lives in wasm memory; without this every call leaks it.
    prediction.delete();
  }
}

/** About `maxChars` from the middle of the text, cut at spaces, on one line. */
function sampleText(text: string, maxChars: number): string {
  let sample = text;
  if (text.length > maxChars) {
    let start = (text.length - maxChars) >> 1;
    let end = start + maxChars;
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < start + maxChars / 4) start = space + 1;
    const lastSpace = text.lastIndexOf(' ', end);
    if (lastSpace > end - maxChars / 4) end = lastSpace;
    sample = text.slice(start, end);
  }
  return sample.replace(LINE_BREAKS, ' ');
}
