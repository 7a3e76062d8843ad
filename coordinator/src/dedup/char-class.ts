/** A letter or combining mark (`\p{L}`, `\p{M}`). */
export const LETTER = 1;
/** A decimal digit (`\p{Nd}`). */
export const DIGIT = 2;
/** Punctuation or a symbol (`\p{P}`, `\p{S}`). */
export const PUNCTUATION = 4;
/** Whitespace, a separator or a control character (`\s`, `\p{Z}`, `\p{Cc}`). */
export const SPACE = 8;
/** An invisible format character (`\p{Cf}`: zero-width space, soft hyphen, BOM…). */
export const FORMAT = 16;

function buildTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const units = new Uint16Array(0x10000);
  for (let i = 0; i < units.length; i++) units[i] = i;
  const all = Buffer.from(units.buffer).toString('utf16le');
  const classes: Array<[number, RegExp]> = [
    [LETTER, /[\p{L}\p{M}]+/gu],
    [DIGIT, /\p{Nd}+/gu],
    [PUNCTUATION, /[\p{P}\p{S}]+/gu],
    [SPACE, /[\s\p{Z}\p{Cc}]+/gu],
    [FORMAT, /\p{Cf}+/gu],
  ];
  for (const [flag, pattern] of classes) {
    for (const match of all.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      for (let i = start; i < end; i++) table[i] = (table[i] ?? 0) | flag;
    }
  }
  return table;
}

function buildDigitTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const units = new Uint16Array(0x10000);
  for (let i = 0; i < units.length; i++) units[i] = i;
  const all = Buffer.from(units.buffer).toString('utf16le');
  // Unicode encodes every decimal digit set as ten contiguous code points, zero first.
  for (const match of all.matchAll(/\p{Nd}+/gu)) {
    for (let i = 0; i < match[0].length; i++) table[match.index + i] = 0x30 + (i % 10);
  }
  return table;
}

/**
 * The ASCII digit (`0x30`–`0x39`) of every decimal digit of the Basic Multilingual Plane (`٣` →
 * `3`), 0 for every other code unit.
 */
export const asciiDigit: Uint8Array = buildDigitTable();

/**
 * The Unicode class flags of every UTF-16 code unit (the Basic Multilingual Plane), built once at
 * load from the engine's Unicode property escapes, so text passes can classify a character with
 * one array read instead of a regular expression. Surrogates have no flag; astral characters are
 * classified by {@link classifyCodePoint}.
 */
export const charClass: Uint8Array = buildTable();

const ASTRAL_LETTER = /^[\p{L}\p{M}]$/u;
const ASTRAL_PUNCTUATION = /^[\p{P}\p{S}]$/u;

/** Class flags of a code point outside the BMP (emoji are symbols, CJK extensions letters). */
export function classifyCodePoint(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  if (ASTRAL_LETTER.test(char)) return LETTER;
  if (ASTRAL_PUNCTUATION.test(char)) return PUNCTUATION;
  return 0;
}
