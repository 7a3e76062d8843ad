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
  const scan = new TextScan(text);
  scan.run();
  return scan.result();
}

/**
 * The state of one pass: document totals, the current token and the current line (its bounds,
 * counts and the hashes of its words in two lanes). Each step updates it; `result()` reads it.
 */
class TextScan {
  private readonly text: string;
  private readonly lines: LineInfo[] = [];
  private readonly lineHashesA: number[] = [];
  private readonly lineHashesB: number[] = [];
  private readonly lineParagraphs: number[] = [];
  private hashes = hashScratch;
  private lengths = lengthScratch;
  private wordCount = 0;
  private nonSymbolWords = 0;
  private nonSymbolWordChars = 0;
  private alphaWords = 0;
  private stopWords = 0;
  private newlines = 0;

  // Current token.
  private inWord = false;
  private wordStart = 0;
  private hash = FNV_OFFSET;
  private hasLetter = false;
  private coreStart = -1;
  private coreEnd = -1;

  // Current line.
  private lineStart = -1;
  private lineEnd = -1;
  private lineWords = 0;
  private lineSentences = 0;
  private lineHasFragment = false;
  private lineLongWord = false;
  private lineHashA = 0;
  private lineHashB = 0;
  private pendingTerminal = false;
  private paragraph = 0;
  private blankSinceLine = false;

  constructor(text: string) {
    this.text = text;
  }

  /** One pass over the code units (a surrogate pair as one character), then a final newline. */
  run(): void {
    const text = this.text;
    const length = text.length;
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
        this.addCharacter(i, unit, flags, width);
        if (width === 2) i++;
        continue;
      }
      if (this.inWord) this.endToken(i);
      if ((flags & IS_NEWLINE) !== 0) this.endLine(i < length);
    }
  }

  /** A non-space character: starts or extends the token and the line. */
  private addCharacter(i: number, unit: number, flags: number, width: number): void {
    if (this.lineStart < 0) this.lineStart = i;
    this.lineEnd = i + width;
    if (!this.inWord) {
      this.inWord = true;
      this.wordStart = i;
      this.hash = FNV_OFFSET;
      this.hasLetter = false;
      this.coreStart = -1;
      this.lineHasFragment = true;
    }
    this.hash = Math.imul(this.hash ^ unit, FNV_PRIME);
    if ((flags & IS_PUNCTUATION) === 0) {
      if (this.coreStart < 0) this.coreStart = i;
      this.coreEnd = i + width;
      if ((flags & IS_LETTER) !== 0) this.hasLetter = true;
      this.pendingTerminal = false;
    } else if ((flags & IS_TERMINAL) !== 0) {
      this.pendingTerminal = true;
    } else if ((flags & IS_CLOSER) === 0) {
      this.pendingTerminal = false;
    }
    if (width === 2) this.hash = Math.imul(this.hash ^ this.text.charCodeAt(i + 1), FNV_PRIME);
  }

  /** The end of a token at `i`: its hash and length, and what it adds to the counts. */
  private endToken(i: number): void {
    this.inWord = false;
    const wordLength = i - this.wordStart;
    if (this.wordCount === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.lengths = grow(this.lengths);
      hashScratch = this.hashes;
      lengthScratch = this.lengths;
    }
    const wordHash = fmix32(this.hash);
    this.hashes[this.wordCount] = wordHash;
    this.lengths[this.wordCount] = wordLength;
    this.wordCount++;
    this.lineWords++;
    this.lineHashA = (Math.imul(this.lineHashA, LINE_MULTIPLIER_A) + wordHash) | 0;
    this.lineHashB = (Math.imul(this.lineHashB, LINE_MULTIPLIER_B) + wordHash) | 0;
    if (wordLength > MAX_WORD_LENGTH) this.lineLongWord = true;
    if (this.coreStart >= 0) {
      this.nonSymbolWords++;
      const coreLength = this.coreEnd - this.coreStart;
      this.nonSymbolWordChars += coreLength;
      if (
        coreLength >= 2 &&
        coreLength <= 4 &&
        isGopherStopWord(this.text, this.coreStart, this.coreEnd)
      )
        this.stopWords++;
    }
    if (this.hasLetter) this.alphaWords++;
    if (this.pendingTerminal) {
      this.lineSentences++;
      this.lineHasFragment = false;
      this.pendingTerminal = false;
    }
  }

  /** A newline (`counted`: one of the text's, not the final one): closes a non-blank line. */
  private endLine(counted: boolean): void {
    if (counted) this.newlines++;
    if (this.lineStart >= 0) {
      this.lines.push(
        finishLine(
          this.text,
          this.lineStart,
          this.lineEnd,
          this.lineWords,
          this.lineSentences,
          this.lineHasFragment,
          this.lineLongWord,
        ),
      );
      if (this.blankSinceLine && this.lines.length > 1) this.paragraph++;
      this.lineHashesA.push(fmix32(this.lineHashA ^ this.lineWords));
      this.lineHashesB.push(this.lineHashB);
      this.lineParagraphs.push(this.paragraph);
      this.blankSinceLine = false;
    } else {
      this.blankSinceLine = true;
    }
    this.lineStart = -1;
    this.lineHashA = 0;
    this.lineHashB = 0;
    this.lineWords = 0;
    this.lineSentences = 0;
    this.lineHasFragment = false;
    this.lineLongWord = false;
    this.pendingTerminal = false;
  }

  /** The document's measures, with its repeated lines and paragraphs counted. */
  result(): TextAnalysis {
    const { text, lines, lineHashesA, lineHashesB, wordCount } = this;
    const repeated = countRepeatedLines(lines, lineHashesA, lineHashesB);
    const paragraphs = countRepeatedParagraphs(
      lines,
      lineHashesA,
      lineHashesB,
      this.lineParagraphs,
    );
    return {
      text,
      wordCount,
      nonSymbolWords: this.nonSymbolWords,
      nonSymbolWordChars: this.nonSymbolWordChars,
      alphaWords: this.alphaWords,
      stopWords: this.stopWords,
      hashCount: countOccurrences(text, '#'),
      ellipsisCount: countOccurrences(text, '...') + countOccurrences(text, '…'),
      newlines: this.newlines,
      wordHashes: this.hashes.slice(0, wordCount),
      wordLengths: this.lengths.slice(0, wordCount),
      lines,
      ...repeated,
      ...paragraphs,
    };
  }
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
