import { PINNED_UNICODE, UNASSIGNED_RANGES, WORD_RANGES } from './generated/unicode-15.1.ts';

/** Whether `cp` is in a flat list of sorted [begin, end) pairs. */
function inRanges(ranges: readonly number[], cp: number): boolean {
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (cp < (ranges[2 * mid] as number)) high = mid - 1;
    else if (cp >= (ranges[2 * mid + 1] as number)) low = mid + 1;
    else return true;
  }
  return false;
}

const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, cp) => (inRanges(WORD_RANGES, cp) ? 1 : 0));
const isWord = (cp: number) => (cp < 128 ? ASCII_WORD[cp] === 1 : inRanges(WORD_RANGES, cp));

let checked = false;

/**
 * Refuses a runtime older than the pinned Unicode version: NFKC and lowercase of assigned
 * characters are stable from the version that assigned them on (Unicode's stability policies), so
 * a runtime at Unicode 15.1 or later gives the same text for every character assigned in 15.1.
 */
export function assertPinnedUnicode(): void {
  if (checked) return;
  // U+2EBF0 (CJK Extension I) and U+31350 were assigned in Unicode 15.1 and 15.0.
  if (!/\p{L}/u.test('\u{2EBF0}') || '\u{FB01}'.normalize('NFKC') !== 'fi') {
    throw Object.assign(
      new Error(`This runtime's Unicode is older than ${PINNED_UNICODE}: rule v2 cannot run here.`),
      { code: 'UNICODE_TOO_OLD' },
    );
  }
  checked = true;
}

/**
 * The tokens rule v2 reads from a text, pinned to Unicode 15.1 so that every runtime gets the same
 * ones: code points unassigned in 15.1 and lone surrogates become spaces; then NFKC and lowercase
 * (stable for assigned characters); then tokens are the maximal runs of code points that are
 * letters (L) or numbers (N) in 15.1 (the table shipped with the rule, never the runtime's
 * `\p{…}`), i.e. the campaign model's `[\p{L}\p{N}]+` with its Unicode version fixed.
 */
export function pinnedTokens(input: string): string[] {
  assertPinnedUnicode();
  const clean = input.replace(/[\u0080-\u{10ffff}]/gu, (ch) => {
    const cp = ch.codePointAt(0) as number;
    return (cp >= 0xd800 && cp <= 0xdfff) || inRanges(UNASSIGNED_RANGES, cp) ? ' ' : ch;
  });
  const text = clean.normalize('NFKC').toLowerCase();
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (isWord(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      tokens.push(text.slice(start, i));
      start = -1;
    }
    i += width;
  }
  if (start >= 0) tokens.push(text.slice(start));
  return tokens;
}
