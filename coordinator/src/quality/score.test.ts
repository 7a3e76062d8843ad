import { describe, expect, it } from 'vitest';
import {
  boilerplatePage,
  englishArticle,
  frenchArticle,
  loremIpsum,
  spamPage,
} from './fixtures/texts.ts';
import { computeQuality, QUALITY_RULE_PENALTIES, type QualityRule } from './score.ts';

describe('computeQuality', () => {
  it('scores a realistic article high and passes every rule', async () => {
    const result = await computeQuality(englishArticle, { languages: ['en'] });
    expect(result.score).toBeGreaterThan(0.8);
    expect(Object.values(result.passed).every(Boolean)).toBe(true);
    expect(result.language).toBe('en');
    expect(result.languageConfidence).toBeGreaterThan(0.9);
  });

  it('stores every signal under a family prefix', async () => {
    const { signals } = await computeQuality(englishArticle);
    expect(signals['gopher_quality.word_count']).toBeGreaterThan(500);
    expect(signals['gopher_repetition.top_2gram_char_frac']).toBeTypeOf('number');
    expect(signals['c4.lines_kept_fraction']).toBe(1);
    expect(signals['c4.has_lorem_ipsum']).toBe(false);
    expect(signals['fineweb.newline_ratio']).toBeLessThan(0.3);
    expect(signals.language).toBe('en');
    expect(signals.language_confidence).toBeGreaterThan(0.9);
    expect(signals).not.toHaveProperty('language_allowed_confidence');
  });

  it.each([
    ['boilerplate', boilerplatePage],
    ['spam', spamPage],
    ['lorem ipsum', loremIpsum],
    ['very short text', 'Click here to read more.'],
    ['empty text', ''],
  ])('scores %s low', async (_name, text) => {
    const result = await computeQuality(text, { languages: ['en'] });
    expect(result.score).toBeLessThan(0.3);
  });

  it('scores a good article in another language by the campaign languages', async () => {
    const french = await computeQuality(frenchArticle, { languages: ['fr'] });
    expect(french.language).toBe('fr');
    expect(french.score).toBeGreaterThan(0.8);
    expect(french.passed.language).toBe(true);
    const englishOnly = await computeQuality(frenchArticle, { languages: ['en'] });
    expect(englishOnly.passed.language).toBe(false);
    expect(englishOnly.score).toBeLessThan(0.05);
    expect(englishOnly.signals.language_allowed_confidence).toBeLessThan(0.05);
  });

  it('is the product of (1 − penalty) over failed rules, times the language', async () => {
    for (const text of [boilerplatePage, spamPage, loremIpsum, englishArticle]) {
      const result = await computeQuality(text, { languages: ['en', 'la'] });
      let expected = Number(result.signals.language_allowed_confidence);
      for (const [rule, ok] of Object.entries(result.passed)) {
        if (!ok) expected *= 1 - QUALITY_RULE_PENALTIES[rule as QualityRule];
      }
      expect(result.score).toBeCloseTo(expected, 12);
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
  });

  it('is monotone: passing a rule never lowers the score', async () => {
    // The same article with one duplicated line fails fineweb.dup_line_char_ratio only.
    const paragraphs = englishArticle.split('\n\n');
    const withDuplicate = [...paragraphs, paragraphs[1]].join('\n\n');
    const clean = await computeQuality(englishArticle);
    const dirty = await computeQuality(withDuplicate);
    expect(dirty.passed['fineweb.dup_line_char_ratio']).toBe(false);
    expect(dirty.score).toBeLessThan(clean.score);
    expect(dirty.score).toBeCloseTo(clean.score * (1 - 0.3) ** countFailed(dirty.passed), 12);
  });
});

function countFailed(passed: Record<string, boolean>): number {
  return Object.values(passed).filter((ok) => !ok).length;
}
