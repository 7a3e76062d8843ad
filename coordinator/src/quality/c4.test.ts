import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text.ts';
import { c4 } from './c4.ts';
import { englishArticle, loremIpsum } from './fixtures/texts.ts';

const check = (text: string) => c4(analyzeText(text));
const sentences = (n: number) =>
  Array.from({ length: n }, (_, i) => `This is sentence number ${i}.`).join(' ');

describe('c4', () => {
  it('passes a real article and keeps all its lines', () => {
    const { passed, signals } = check(englishArticle);
    expect(passed).toEqual({ lorem_ipsum: true, curly_bracket: true, min_sentences: true });
    expect(signals.lines_kept_fraction).toBe(1);
    expect(signals.sentences).toBeGreaterThan(20);
  });

  it('reports the fraction of lines with at least 3 words', () => {
    const text = `${sentences(5)}\nMenu\nSign in\nThis line stays here`;
    expect(check(text).signals.lines_kept_fraction).toBe(0.5);
  });

  it('min_sentences: needs 5 sentences in the kept lines', () => {
    expect(check(sentences(4)).passed.min_sentences).toBe(false);
    expect(check(sentences(5)).passed.min_sentences).toBe(true);
    // Sentences on dropped lines (fewer than 3 words) do not count.
    expect(check(`${sentences(4)}\nYes.\nNo.`).passed.min_sentences).toBe(false);
  });

  it('lorem_ipsum: fails a document with placeholder text', () => {
    expect(check(loremIpsum).passed.lorem_ipsum).toBe(false);
    expect(check(loremIpsum).signals.has_lorem_ipsum).toBe(true);
  });

  it('curly_bracket: fails a document with { in a kept line', () => {
    expect(check(`${sentences(5)}\nfunction main() { return 1; }`).passed.curly_bracket).toBe(
      false,
    );
    // A line of fewer than 3 words is dropped before the check.
    expect(check(`${sentences(5)}\n{`).passed.curly_bracket).toBe(true);
  });

  it('drops lines mentioning javascript or policy boilerplate', () => {
    const text = [
      sentences(5),
      'Please enable JavaScript to view the comments.',
      'Read our Privacy Policy before you continue.',
      'This site uses cookies for analytics.',
    ].join('\n');
    const { signals } = check(text);
    expect(signals.javascript_lines).toBe(1);
    expect(signals.policy_lines).toBe(2);
    expect(signals.lines_kept_fraction).toBe(0.25);
  });

  it('does not keep javascript lines even when they hold {', () => {
    const result = check(`${sentences(5)}\nvar javascript = { enabled: true };`);
    expect(result.passed.curly_bracket).toBe(true);
    expect(result.signals.javascript_lines).toBe(1);
  });

  it('drops lines with a token over 1,000 characters', () => {
    const result = check(`${sentences(5)}\nsee ${'x'.repeat(1001)} there`);
    expect(result.signals.lines_kept_fraction).toBe(0.5);
  });

  it('fails min_sentences on an empty document', () => {
    expect(check('').passed.min_sentences).toBe(false);
    expect(check('').signals.lines_kept_fraction).toBe(0);
  });
});
