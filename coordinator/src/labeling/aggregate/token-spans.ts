import type { TokenSpan } from './types.ts';

/** A run of letters, marks and digits, or any single other non-space character. */
const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

/**
 * Splits a text into word tokens with their UTF-16 offsets (`end` exclusive). Punctuation is split
 * off: a word is a run of letters, combining marks and digits, and every other non-space
 * character (punctuation, a symbol, an emoji) is a token of its own, so "Paris," is the tokens
 * "Paris" and ",". Whitespace separates tokens and belongs to none.
 *
 * @example
 * tokenSpans('Hi, Bo'); // [{ start: 0, end: 2 }, { start: 2, end: 3 }, { start: 4, end: 6 }]
 */
export function tokenSpans(text: string): TokenSpan[] {
  const tokens: TokenSpan[] = [];
  for (const match of text.matchAll(TOKEN)) {
    tokens.push({ start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}
