import { describe, expect, it } from 'vitest';
import { contentHash, normalizeText } from './normalize-text.ts';

describe('normalizeText', () => {
  it('lowercases, strips punctuation and collapses whitespace', () => {
    expect(normalizeText('  Hello,   WORLD!\n\tHow are\r\nyou?  ')).toBe('hello world how are you');
  });

  it('keeps digits, written as ASCII whatever their script', () => {
    expect(normalizeText('In 2024, 3.5% of 120 users')).toBe('in 2024 3 5 of 120 users');
    expect(normalizeText('\u0661\u0669\u0668\u0664 \u0967\u0968 \u0e53')).toBe('1984 12 3');
  });

  it('keeps texts that differ only in their numbers apart', () => {
    expect(normalizeText('Release 2.4.1 (2023-05-01)')).not.toBe(
      normalizeText('Release 2.5.0 (2024-01-12)'),
    );
  });

  it('applies NFKC (full-width forms, ligatures, composed accents)', () => {
    expect(normalizeText('ＡＢＣ １２３ ﬁne cafe\u0301')).toBe('abc 123 fine café');
  });

  it('removes format characters without splitting the word', () => {
    expect(normalizeText('zero\u200bwidth soft\u00adhyphen \ufeffbom')).toBe(
      'zerowidth softhyphen bom',
    );
  });

  it('treats symbols, dashes, quotes and emoji as separators', () => {
    expect(normalizeText('a—b “c” d+e f😀g ©h')).toBe('a b c d e f g h');
  });

  it('keeps letters of other scripts and astral letters', () => {
    expect(normalizeText('Привет, МИР! 你好。𠀀字')).toBe('привет мир 你好 𠀀字');
  });

  it('normalizes texts that differ only in formatting to the same string', () => {
    expect(normalizeText('The  Quick... brown FOX (2019)')).toBe(
      normalizeText('the quick brown fox 2019'),
    );
  });

  it('returns an empty string for text without words', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' ... !!! \n ')).toBe('');
  });

  it('handles a text longer than its scratch buffer', () => {
    const long = 'word, '.repeat(5000);
    expect(normalizeText(long)).toBe(Array.from({ length: 5000 }, () => 'word').join(' '));
  });
});

describe('contentHash', () => {
  it('is the sha256 of the UTF-8 text as 0x-prefixed hex', () => {
    expect(contentHash('hello world')).toBe(
      '0xb94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
    );
  });

  it('gives 32 bytes and distinguishes texts', () => {
    const a = contentHash(normalizeText('One text.'));
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(contentHash(normalizeText('Another text.'))).not.toBe(a);
    expect(contentHash(normalizeText('ONE   text!'))).toBe(a);
  });
});
