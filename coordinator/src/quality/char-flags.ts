import { charClass, classifyCodePoint, LETTER, PUNCTUATION, SPACE } from '../dedup/char-class.ts';

/** Line starts counted as bullets (Gopher counts `•` and `-`; these are the common ones). */
export const BULLETS = [
  0x2022, 0x2023, 0x25e6, 0x25aa, 0x25cf, 0x25cb, 0x25a0, 0x2d, 0x2a, 0x2013, 0x2014, 0xb7,
];
/** Sentence-final punctuation across scripts (a subset of datatrove's TERMINAL_PUNCTUATION). */
export const TERMINALS = [
  0x21, 0x2e, 0x3f, 0x2026, 0x203c, 0x203d, 0x2047, 0x2048, 0x2049, 0x3002, 0xff01, 0xff0e, 0xff1f,
  0xff61, 0x964, 0x965, 0x61f, 0x6d4, 0x1362, 0x1367, 0x589, 0x700, 0x701, 0x702, 0x104a, 0x104b,
  0xfe52, 0xfe56, 0xfe57,
];
/** Closing quotes and brackets that may follow terminal punctuation. */
export const CLOSERS = [0x22, 0x27, 0x29, 0x5d, 0x2019, 0x201d, 0xbb, 0x300d, 0x300f, 0xff09];

/** Whitespace, a separator or a control character (newlines included). */
export const IS_SPACE = 1;
/** Punctuation or a symbol. */
export const IS_PUNCTUATION = 2;
/** A letter or a combining mark. */
export const IS_LETTER = 4;
/** One of {@link TERMINALS}. */
export const IS_TERMINAL = 8;
/** One of {@link CLOSERS}. */
export const IS_CLOSER = 16;
/** One of {@link BULLETS}. */
export const IS_BULLET = 32;
/** The first half of a surrogate pair: classify the pair with {@link astralFlags}. */
export const IS_HIGH_SURROGATE = 64;
/** `\n`. */
export const IS_NEWLINE = 128;

/**
 * The flags above for every BMP code unit, so a text pass classifies a character with one array
 * read. Built once at load from the Unicode classes of `dedup/char-class.ts`.
 */
export const flagsOf = new Uint8Array(0x10000);
for (let unit = 0; unit < 0x10000; unit++) {
  const unicode = charClass[unit]!;
  let flags = 0;
  if ((unicode & SPACE) !== 0) flags |= IS_SPACE;
  if ((unicode & PUNCTUATION) !== 0) flags |= IS_PUNCTUATION;
  if ((unicode & LETTER) !== 0) flags |= IS_LETTER;
  if (unit >= 0xd800 && unit <= 0xdbff) flags |= IS_HIGH_SURROGATE;
  flagsOf[unit] = flags;
}
flagsOf[0x0a] = IS_SPACE | IS_NEWLINE;
for (const unit of BULLETS) flagsOf[unit] = flagsOf[unit]! | IS_BULLET;
for (const unit of TERMINALS) flagsOf[unit] = flagsOf[unit]! | IS_TERMINAL;
for (const unit of CLOSERS) flagsOf[unit] = flagsOf[unit]! | IS_CLOSER;

/** Flags of an astral character (a surrogate pair): emoji are punctuation, CJK are letters. */
export function astralFlags(codePoint: number): number {
  const unicode = classifyCodePoint(codePoint);
  return (
    ((unicode & PUNCTUATION) !== 0 ? IS_PUNCTUATION : 0) |
    ((unicode & LETTER) !== 0 ? IS_LETTER : 0)
  );
}
