import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text.ts';

describe('analyzeText', () => {
  it('counts tokens, words with letters, symbol-only tokens and stop words', () => {
    const doc = analyzeText('The cat — and THE dog, with 42 friends!');
    expect(doc.wordCount).toBe(9);
    expect(doc.nonSymbolWords).toBe(8); // '—' is punctuation only
    expect(doc.alphaWords).toBe(7); // '—' and '42' have no letter
    expect(doc.stopWords).toBe(4); // The, and, THE, with
    expect(doc.nonSymbolWordChars).toBe(3 + 3 + 3 + 3 + 3 + 4 + 2 + 7);
    expect(Array.from(doc.wordLengths)).toEqual([3, 3, 1, 3, 3, 4, 4, 2, 8]);
  });

  it('counts # and ellipses (three dots, non-overlapping, or …)', () => {
    const doc = analyzeText('#one #two... wait.... and… ok......');
    expect(doc.hashCount).toBe(2);
    expect(doc.ellipsisCount).toBe(1 + 1 + 1 + 2);
  });

  it('describes the trimmed non-blank lines', () => {
    const doc = analyzeText(
      '  • first item\n\n- second item...\r\nHe said "yes." Then left\n   \nend…',
    );
    expect(doc.newlines).toBe(5);
    expect(doc.lines.map((line) => line.text)).toEqual([
      '• first item',
      '- second item...',
      'He said "yes." Then left',
      'end…',
    ]);
    expect(doc.lines.map((line) => line.startsWithBullet)).toEqual([true, true, false, false]);
    expect(doc.lines.map((line) => line.endsWithEllipsis)).toEqual([false, true, false, true]);
    expect(doc.lines.map((line) => line.endsWithTerminal)).toEqual([false, true, false, true]);
    expect(doc.lines.map((line) => line.words)).toEqual([3, 3, 5, 1]);
  });

  it('counts sentences by terminal punctuation followed by a space', () => {
    const sentences = (text: string) => analyzeText(text).lines[0]!.sentences;
    expect(sentences('One. Two! Three? four')).toBe(4);
    expect(sentences('One. Two! Three?')).toBe(3);
    expect(sentences('No terminal punctuation here')).toBe(1);
    expect(sentences('Version 3.5 is out. It is "great." Yes')).toBe(3);
    expect(sentences('Wait... what?!')).toBe(2);
  });

  it('finds duplicate lines and paragraphs', () => {
    const doc = analyzeText('A line\nOther line\n  A   line \n\nA line\nOther line\n\nLast one');
    expect(doc.lines).toHaveLength(6);
    // 'A   line' (inner spaces collapse), then 'A line' and 'Other line'.
    expect(doc.duplicateLines).toBe(3);
    expect(doc.duplicateLineChars).toBe(8 + 6 + 10);
    expect(doc.paragraphs).toBe(3);
    expect(doc.duplicateParagraphs).toBe(0); // the first has three lines, the second two
    const twice = analyzeText('Para one\nline two\n\nPara one\nline two\n\nThird');
    expect(twice.paragraphs).toBe(3);
    expect(twice.duplicateParagraphs).toBe(1);
    expect(twice.duplicateParagraphChars).toBe('Para one\nline two'.length);
  });

  it('flags a line holding a token over 1,000 characters', () => {
    const doc = analyzeText(`short line here\n${'x'.repeat(1001)} and more`);
    expect(doc.lines.map((line) => line.hasLongWord)).toEqual([false, true]);
  });

  it('classifies non-Latin and astral characters', () => {
    const doc = analyzeText('Привет мир 😀 𠀀字 ١٢٣');
    expect(doc.wordCount).toBe(5);
    expect(doc.nonSymbolWords).toBe(4); // the emoji is a symbol
    expect(doc.alphaWords).toBe(3); // Arabic-Indic digits are not letters
  });

  it('handles empty and whitespace-only text', () => {
    for (const text of ['', '  \n\t\n ']) {
      const doc = analyzeText(text);
      expect(doc.wordCount).toBe(0);
      expect(doc.lines).toEqual([]);
      expect(doc.paragraphs).toBe(0);
    }
  });

  it('handles documents longer than its scratch buffers', () => {
    const doc = analyzeText('word '.repeat(10_000));
    expect(doc.wordCount).toBe(10_000);
    expect(doc.wordHashes).toHaveLength(10_000);
    expect(new Set(doc.wordHashes).size).toBe(1);
  });
});
