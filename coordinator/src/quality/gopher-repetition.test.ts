import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text.ts';
import { englishArticle } from './fixtures/texts.ts';
import {
  GOPHER_DUP_NGRAM_MAX_CHAR_FRAC,
  GOPHER_REPETITION_RULES,
  gopherRepetition,
} from './gopher-repetition.ts';

const check = (text: string) => gopherRepetition(analyzeText(text));

/** Distinct sentences, so nothing repeats by accident. */
const varied = (count: number, offset = 0) =>
  Array.from(
    { length: count },
    (_, i) =>
      `Sentence ${i + offset} tells story ${(i + offset) * 7} about place ${i + offset + 3}.`,
  );

describe('gopherRepetition', () => {
  it('passes a real article on every rule', () => {
    const { passed, signals } = check(englishArticle);
    for (const rule of GOPHER_REPETITION_RULES) expect(passed[rule]).toBe(true);
    expect(signals.dup_5gram_char_frac).toBe(0);
  });

  it('dup_line_frac and dup_line_char_frac: fail with many repeated lines', () => {
    const lines = [
      ...varied(6),
      ...Array.from({ length: 4 }, () => 'Share this article on social'),
    ];
    const result = check(lines.join('\n'));
    expect(result.signals.dup_line_frac).toBeCloseTo(3 / 10, 10);
    expect(result.passed.dup_line_frac).toBe(true); // 0.3 is allowed
    const more = check([...lines, 'Share this article on social'].join('\n'));
    expect(more.signals.dup_line_frac).toBeCloseTo(4 / 11, 10);
    expect(more.passed.dup_line_frac).toBe(false);
    expect(more.passed.dup_line_char_frac).toBe(false);
  });

  it('dup_para_frac and dup_para_char_frac: fail with repeated paragraphs', () => {
    const paragraph = 'This paragraph is repeated.\nIt has two lines of text.';
    const text = [varied(1)[0], paragraph, paragraph, paragraph].join('\n\n');
    const result = check(text);
    expect(result.signals.dup_para_frac).toBeCloseTo(2 / 4, 10);
    expect(result.passed.dup_para_frac).toBe(false);
    expect(result.signals.dup_para_char_frac).toBeCloseTo((2 * paragraph.length) / text.length, 10);
    expect(result.passed.dup_para_char_frac).toBe(false);
  });

  it('top n-gram: measures the characters of the most frequent 2-gram', () => {
    // 2-grams: "a b" ×2, "b c" ×2, "c a" ×1: the first most frequent is "a b" (3 chars).
    const result = check('a b c a b c');
    expect(result.signals.top_2gram_char_frac).toBeCloseTo((3 * 2) / 11, 10);
  });

  it('top_2gram_char_frac: fails when one 2-gram covers more than 20 % of the text', () => {
    const spam = `${varied(3).join(' ')} ${'buy now '.repeat(30)}`;
    expect(check(spam).passed.top_2gram_char_frac).toBe(false);
    const some = check(`${englishArticle} ${'buy now '.repeat(30)}`);
    expect(some.signals.top_2gram_char_frac).toBeCloseTo(
      (7 * 30) / (englishArticle.length + 241),
      10,
    );
    expect(some.passed.top_2gram_char_frac).toBe(true);
  });

  it('top_3gram and top_4gram: fail on a repeated phrase', () => {
    const text = `${varied(4).join(' ')} ${'click here now please '.repeat(25)}`;
    const { passed } = check(text);
    expect(passed.top_3gram_char_frac).toBe(false);
    expect(passed.top_4gram_char_frac).toBe(false);
  });

  it('dup n-grams: count repeated n-grams greedily, as datatrove does', () => {
    // 5-grams of "a b c d e a b c d e": the sixth repeats the first; its 5 letters are repeated.
    const result = check('a b c d e a b c d e');
    expect(result.signals.dup_5gram_char_frac).toBeCloseTo(5 / 19, 10);
    expect(result.signals.dup_6gram_char_frac).toBe(0);
  });

  it('dup_5gram..dup_10gram: fail when a long passage is copied', () => {
    const passage = varied(8, 100).join(' ');
    const text = `${varied(10).join(' ')} ${passage} ${passage}`;
    const { passed, signals } = check(text);
    for (const [n] of GOPHER_DUP_NGRAM_MAX_CHAR_FRAC) {
      const rule = `dup_${n}gram_char_frac` as const;
      expect(signals[rule]).toBeGreaterThan(0.15);
      expect(passed[rule]).toBe(false);
    }
  });

  it('is all zeros for an empty document', () => {
    const { signals, passed } = check('');
    for (const rule of GOPHER_REPETITION_RULES) {
      expect(signals[rule]).toBe(0);
      expect(passed[rule]).toBe(true);
    }
  });
});
