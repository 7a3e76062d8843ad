import { describe, expect, it } from 'vitest';
import { GOPHER_STOP_WORDS, isGopherStopWord } from './gopher-stop-words.ts';

describe('isGopherStopWord', () => {
  it('recognizes each stop word in any ASCII case', () => {
    for (const word of GOPHER_STOP_WORDS) {
      expect(isGopherStopWord(word, 0, word.length)).toBe(true);
      expect(isGopherStopWord(word.toUpperCase(), 0, word.length)).toBe(true);
    }
  });

  it('reads the given range only', () => {
    expect(isGopherStopWord('(the)', 1, 4)).toBe(true);
    expect(isGopherStopWord('other', 1, 4)).toBe(true);
    expect(isGopherStopWord('other', 0, 5)).toBe(false);
  });

  it('rejects other words and non-letters', () => {
    for (const word of ['a', 'an', 'then', 'thé', 'th3', 'wit', 'hav', 't@e']) {
      expect(isGopherStopWord(word, 0, word.length)).toBe(false);
    }
  });
});
