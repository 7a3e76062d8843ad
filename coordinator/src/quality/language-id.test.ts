import { beforeAll, describe, expect, it } from 'vitest';
import {
  englishArticle,
  frenchArticle,
  frenchText,
  germanText,
  spanishText,
} from './fixtures/texts.ts';
import { identifyLanguage, loadLanguageModel } from './language-id.ts';

describe('identifyLanguage (fastText lid.176, offline)', () => {
  beforeAll(async () => {
    await loadLanguageModel();
  });

  it.each([
    ['en', englishArticle],
    ['fr', frenchText],
    ['de', germanText],
    ['es', spanishText],
  ])('identifies %s with confidence', async (language, text) => {
    const result = await identifyLanguage(text);
    expect(result.language).toBe(language);
    expect(result.confidence).toBeGreaterThan(0.9);
  });

  it('returns the top candidates in decreasing confidence', async () => {
    const { candidates, language, confidence } = await identifyLanguage(frenchArticle, { topK: 5 });
    expect(candidates).toHaveLength(5);
    expect(candidates[0]).toEqual({ language, confidence });
    for (let i = 1; i < candidates.length; i++) {
      expect(candidates[i]!.confidence).toBeLessThanOrEqual(candidates[i - 1]!.confidence);
    }
    const total = candidates.reduce((sum, c) => sum + c.confidence, 0);
    expect(total).toBeLessThanOrEqual(1.0001);
  });

  it('reads the whole text, not only its first line', async () => {
    const result = await identifyLanguage(`Bonjour\n${germanText}`);
    expect(result.language).toBe('de');
  });

  it('reads a window from the middle of a long text', async () => {
    const english = 'Hello there. '.repeat(100);
    const text = `${english}${germanText.repeat(3)}${english}`;
    expect((await identifyLanguage(text)).language).toBe('de');
    expect((await identifyLanguage(text, { maxChars: text.length })).language).toBe('en');
  });

  it('answers und with confidence 0 for a text without characters', async () => {
    expect(await identifyLanguage('  \n ')).toEqual({
      language: 'und',
      confidence: 0,
      candidates: [],
    });
  });

  it('keeps working over many calls (no leak of wasm vectors)', async () => {
    for (let i = 0; i < 2000; i++) await identifyLanguage(spanishText);
    expect((await identifyLanguage(spanishText)).language).toBe('es');
  });
});
