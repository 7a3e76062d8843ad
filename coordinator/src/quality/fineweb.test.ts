import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text.ts';
import { fineweb } from './fineweb.ts';
import { boilerplatePage, englishArticle } from './fixtures/texts.ts';

const check = (text: string) => fineweb(analyzeText(text));
const line = (i: number) => `This is a long enough line of text, number ${i}`;

describe('fineweb', () => {
  it('passes a real article on every rule', () => {
    const { passed } = check(englishArticle);
    expect(passed).toEqual({
      line_punct_ratio: true,
      short_line_ratio: true,
      dup_line_char_ratio: true,
      newline_ratio: true,
    });
  });

  it('line_punct_ratio: needs 12 % of lines ending in terminal punctuation', () => {
    const lines = Array.from({ length: 8 }, (_, i) => line(i));
    lines[0] += '.';
    expect(check(lines.join('\n')).signals.line_punct_ratio).toBe(1 / 8);
    expect(check(lines.join('\n')).passed.line_punct_ratio).toBe(true);
    expect(check([...lines, line(9)].join('\n')).passed.line_punct_ratio).toBe(false); // 1/9
    expect(check(`${line(1)}!"\n${line(2)}`).signals.line_punct_ratio).toBe(0.5); // closing quote
  });

  it('short_line_ratio: fails when more than 67 % of lines have 30 characters or fewer', () => {
    expect(check(boilerplatePage).passed.short_line_ratio).toBe(false);
    const mixed = [line(1), line(2), 'short', 'tiny', 'mini'].join('\n'); // 3/5 = 0.6
    expect(check(mixed).passed.short_line_ratio).toBe(true);
  });

  it('dup_line_char_ratio: fails when duplicated lines hold more than 1 % of characters', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${line(i)}.`);
    expect(check(lines.join('\n')).passed.dup_line_char_ratio).toBe(true);
    const repeated = [...lines, lines[3]!].join('\n');
    expect(check(repeated).signals.dup_line_char_ratio).toBeCloseTo(
      lines[3]!.length / (repeated.length - 20),
      10,
    );
    expect(check(repeated).passed.dup_line_char_ratio).toBe(false);
  });

  it('newline_ratio: fails with more than 0.3 newlines per word', () => {
    expect(check('one\ntwo\nthree\nfour').passed.newline_ratio).toBe(false);
    expect(check(`${line(1)}.\n${line(2)}.`).passed.newline_ratio).toBe(true);
  });

  it('fails every rule on a document without lines', () => {
    expect(check('  \n ').passed).toEqual({
      line_punct_ratio: false,
      short_line_ratio: false,
      dup_line_char_ratio: false,
      newline_ratio: false,
    });
  });
});
