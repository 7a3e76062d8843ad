import { FNV_OFFSET, FNV_PRIME, fmix32 } from '../dedup/hash32.ts';
import {
  astralFlags,
  flagsOf,
  IS_BULLET,
  IS_CLOSER,
  IS_HIGH_SURROGATE,
  IS_LETTER,
  IS_NEWLINE,
  IS_PUNCTUATION,
  IS_SPACE,
  IS_TERMINAL,
} from './char-flags.ts';
import { isGopherStopWord } from './gopher-stop-words.ts';
import {
  countRepeatedLines,
  countRepeatedParagraphs,
  LINE_HASH_MULTIPLIER_B,
} from './repeated-lines.ts';
import type { LineInfo, TextAnalysis } from './text-analysis.ts';

export type { LineInfo, TextAnalysis } from './text-analysis.ts';

/** Non-overlapping occurrences of `needle` (as Python's `str.count`). */
function countOccurrences(text: string, needle: string): number {
  let count = 0;
  let at = text.indexOf(needle);
  while (at >= 0) {
    count++;
    at = text.indexOf(needle, at + needle.length);
  }
  return count;
}

const MAX_WORD_LENGTH = 1000;
/** Multipliers of the two lanes that hash a line's words (64 bits to compare lines). */
const LINE_MULTIPLIER_A = 0x9e3779b1 | 0;
const LINE_MULTIPLIER_B = LINE_HASH_MULTIPLIER_B;

let hashScratch: Int32Array = new Int32Array(2048);
let lengthScratch: Int32Array = new Int32Array(2048);

/**
 * Measures a document for the quality rules in a single pass over its UTF-16 code units:
 * tokens, letters, symbols, stop words, lines and their shapes, and per-token hashes.
 */
export function analyzeText(text: string): TextAnalysis {
  const length = text.length;
  const lines: LineInfo[] = [];
  const lineHashesA: number[] = [];
  const lineHashesB: number[] = [];
  const lineParagraphs: number[] = [];
  let hashes = hashScratch;
  let lengths = lengthScratch;
  let wordCount = 0;
  let nonSymbolWords = 0;
  let nonSymbolWordChars = 0;
  let alphaWords = 0;
  let stopWords = 0;
  let newlines = 0;

  // Current token.
  let inWord = false;
  let wordStart = 0;
  let hash = FNV_OFFSET;
  let hasLetter = false;
  let coreStart = -1;
  let coreEnd = -1;

  // Current line: its bounds, counts and the hashes of its words in two lanes.
  let lineStart = -1;
  let lineEnd = -1;
  let lineWords = 0;
  let lineSentences = 0;
  let lineHasFragment = false;
  let lineLongWord = false;
  let lineHashA = 0;
  let lineHashB = 0;
  let pendingTerminal = false;
  let paragraph = 0;
  let blankSinceLine = false;

  for (let i = 0; i <= length; i++) {
    const unit = i < length ? text.charCodeAt(i) : 0x0a;
    let flags = flagsOf[unit]!;
    let width = 1;
    if ((flags & IS_HIGH_SURROGATE) !== 0 && i + 1 < length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        flags = astralFlags(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
        width = 2;
      }
    }

    if ((flags & IS_SPACE) === 0) {
      if (lineStart < 0) lineStart = i;
      lineEnd = i + width;
      if (!inWord) {
        inWord = true;
        wordStart = i;
        hash = FNV_OFFSET;
        hasLetter = false;
        coreStart = -1;
        lineHasFragment = true;
      }
      hash = Math.imul(hash ^ unit, FNV_PRIME);
      if ((flags & IS_PUNCTUATION) === 0) {
        if (coreStart < 0) coreStart = i;
        coreEnd = i + width;
        if ((flags & IS_LETTER) !== 0) hasLetter = true;
        pendingTerminal = false;
      } else if ((flags & IS_TERMINAL) !== 0) {
        pendingTerminal = true;
      } else if ((flags & IS_CLOSER) === 0) {
        pendingTerminal = false;
      }
      if (width === 2) {
        hash = Math.imul(hash ^ text.charCodeAt(i + 1), FNV_PRIME);
        i++;
      }
      continue;
    }

    if (inWord) {
      // End of a token.
      inWord = false;
      const wordLength = i - wordStart;
      if (wordCount === hashes.length) {
        hashes = grow(hashes);
        lengths = grow(lengths);
        hashScratch = hashes;
        lengthScratch = lengths;
      }
      const wordHash = fmix32(hash);
      hashes[wordCount] = wordHash;
      lengths[wordCount] = wordLength;
      wordCount++;
      lineWords++;
      lineHashA = (Math.imul(lineHashA, LINE_MULTIPLIER_A) + wordHash) | 0;
      lineHashB = (Math.imul(lineHashB, LINE_MULTIPLIER_B) + wordHash) | 0;
      if (wordLength > MAX_WORD_LENGTH) lineLongWord = true;
      if (coreStart >= 0) {
        nonSymbolWords++;
        const coreLength = coreEnd - coreStart;
        nonSymbolWordChars += coreLength;
        if (coreLength >= 2 && coreLength <= 4 && isGopherStopWord(text, coreStart, coreEnd))
          stopWords++;
      }
      if (hasLetter) alphaWords++;
      if (pendingTerminal) {
        lineSentences++;
        lineHasFragment = false;
        pendingTerminal = false;
      }
    }
    if ((flags & IS_NEWLINE) !== 0) {
      if (i < length) newlines++;
      if (lineStart >= 0) {
        lines.push(
          finishLine(
            text,
            lineStart,
            lineEnd,
            lineWords,
            lineSentences,
            lineHasFragment,
            lineLongWord,
          ),
        );
        if (blankSinceLine && lines.length > 1) paragraph++;
        lineHashesA.push(fmix32(lineHashA ^ lineWords));
        lineHashesB.push(lineHashB);
        lineParagraphs.push(paragraph);
        blankSinceLine = false;
      } else {
        blankSinceLine = true;
      }
      lineStart = -1;
      lineHashA = 0;
      lineHashB = 0;
      lineWords = 0;
      lineSentences = 0;
      lineHasFragment = false;
      lineLongWord = false;
      pendingTerminal = false;
    }
  }

  const repeated = countRepeatedLines(lines, lineHashesA, lineHashesB);
  const paragraphs = countRepeatedParagraphs(lines, lineHashesA, lineHashesB, lineParagraphs);
  return {
    text,
    wordCount,
    nonSymbolWords,
    nonSymbolWordChars,
    alphaWords,
    stopWords,
    hashCount: countOccurrences(text, '#'),
    ellipsisCount: countOccurrences(text, '...') + countOccurrences(text, '…'),
    newlines,
    wordHashes: hashes.slice(0, wordCount),
    wordLengths: lengths.slice(0, wordCount),
    lines,
    ...repeated,
    ...paragraphs,
  };
}

function finishLine(
  text: string,
  start: number,
  end: number,
  words: number,
  sentences: number,
  hasFragment: boolean,
  hasLongWord: boolean,
): LineInfo {
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  const beforeLast = end - 2 >= start ? text.charCodeAt(end - 2) : -1;
  const endsWithEllipsis =
    last === 0x2026 ||
    (last === 0x2e && beforeLast === 0x2e && end - 3 >= start && text.charCodeAt(end - 3) === 0x2e);
  return {
    text: text.slice(start, end),
    words,
    sentences: sentences + (hasFragment ? 1 : 0),
    startsWithBullet: (flagsOf[first]! & IS_BULLET) !== 0,
    endsWithEllipsis,
    endsWithTerminal:
      (flagsOf[last]! & IS_TERMINAL) !== 0 ||
      ((flagsOf[last]! & IS_CLOSER) !== 0 &&
        beforeLast >= 0 &&
        (flagsOf[beforeLast]! & IS_TERMINAL) !== 0),
    hasLongWord,
  };
}

function grow(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}
