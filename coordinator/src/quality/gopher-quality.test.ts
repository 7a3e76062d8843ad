import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text.ts';
import { englishArticle } from './fixtures/texts.ts';
import { GOPHER_QUALITY_RULES, gopherQuality } from './gopher-quality.ts';

const check = (text: string, language?: string) =>
  gopherQuality(analyzeText(text), language === undefined ? {} : { language });

/** A plain English sentence repeated with variation: passes every Gopher quality rule. */
const prose = (sentences: number) =>
  Array.from(
    { length: sentences },
    (_, i) => `The river number ${i} flows to the sea and it has many fish with silver scales.`,
  ).join(' ');

describe('gopherQuality', () => {
  it('passes a real article on every rule', () => {
    const { passed, signals } = check(englishArticle);
    for (const rule of GOPHER_QUALITY_RULES) expect(passed[rule]).toBe(true);
    expect(signals.word_count).toBeGreaterThan(500);
    expect(signals.mean_word_length).toBeGreaterThan(3);
    expect(signals.mean_word_length).toBeLessThan(10);
  });

  it('min_words: fails under 50 words, passes at 50', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `the word${i}`).join(' ');
    expect(check(words(24)).passed.min_words).toBe(false); // 48 words
    expect(check(words(25)).passed.min_words).toBe(true); // 50 words
  });

  it('max_words: fails over 100,000 words', () => {
    expect(check('and the rest '.repeat(33_334)).passed.max_words).toBe(false);
    expect(check(prose(10)).passed.max_words).toBe(true);
  });

  it('mean_word_length: fails below 3 and above 10 characters', () => {
    expect(check('a b c d e f g h '.repeat(10)).passed.mean_word_length).toBe(false);
    expect(check('extraordinarily '.repeat(60)).passed.mean_word_length).toBe(false);
    expect(check(prose(5)).passed.mean_word_length).toBe(true);
  });

  it('hash_ratio: fails with more than 0.1 # per word', () => {
    const tagged = `${prose(5)} ${'#tag '.repeat(20)}`;
    expect(check(tagged).signals.hash_ratio).toBeGreaterThan(0.1);
    expect(check(tagged).passed.hash_ratio).toBe(false);
    expect(check(`${prose(5)} #one #two`).passed.hash_ratio).toBe(true);
  });

  it('ellipsis_ratio: fails with more than 0.1 ellipses per word', () => {
    expect(check('and then... the end… '.repeat(20)).passed.ellipsis_ratio).toBe(false);
    expect(check(`${prose(5)} and so on...`).passed.ellipsis_ratio).toBe(true);
  });

  it('bullet_lines: fails when more than 90 % of lines start with a bullet', () => {
    const bullets = Array.from({ length: 10 }, (_, i) => `- the item ${i} of the list`).join('\n');
    expect(check(bullets).passed.bullet_lines).toBe(false);
    const nine = bullets.split('\n').slice(0, 9).join('\n');
    expect(check(`Intro line of the list:\n${nine}`).passed.bullet_lines).toBe(true); // 9/10
  });

  it('ellipsis_lines: fails when more than 30 % of lines end with an ellipsis', () => {
    const lines = ['The first line is fine.', 'The second one trails…', 'So does the third...'];
    expect(check(lines.join('\n')).passed.ellipsis_lines).toBe(false);
    expect(
      check([...lines, 'Four.', 'Five.', 'Six.', 'Seven.'].join('\n')).passed.ellipsis_lines,
    ).toBe(true); // 2/7
  });

  it('alpha_words: fails when under 80 % of words have a letter', () => {
    expect(check('12 34 56 78 and the 90 11 22 33 44 55'.repeat(10)).passed.alpha_words).toBe(
      false,
    );
    expect(check(`${prose(5)} 1 2 3`).passed.alpha_words).toBe(true);
  });

  it('stop_words: needs two of the Gopher stop words, in English only', () => {
    const noStopWords = 'Quick brown foxes jump over lazy dogs near rivers. '.repeat(10);
    expect(check(noStopWords).passed.stop_words).toBe(false);
    expect(check(noStopWords, 'en').passed.stop_words).toBe(false);
    expect(check(noStopWords, 'fr').passed.stop_words).toBe(true);
    expect(check(`${noStopWords} The end.`).passed.stop_words).toBe(false); // one only
    expect(check(`${noStopWords} The end of it.`).passed.stop_words).toBe(true);
  });

  it('fails the word rules on an empty document', () => {
    const { passed } = check('');
    expect(passed.min_words).toBe(false);
    expect(passed.mean_word_length).toBe(false);
    expect(passed.alpha_words).toBe(false);
    expect(passed.stop_words).toBe(false);
  });
});
