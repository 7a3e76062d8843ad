/** Gopher's stop words: a document needs two of them (Rae et al. 2021; datatrove). */
export const GOPHER_STOP_WORDS = ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'] as const;

// The stop words as integer keys of their ASCII letters, one byte each, for a switch.
const KEY_THE = 0x746865;
const KEY_BE = 0x6265;
const KEY_TO = 0x746f;
const KEY_OF = 0x6f66;
const KEY_AND = 0x616e64;
const KEY_THAT = 0x74686174;
const KEY_HAVE = 0x68617665;
const KEY_WITH = 0x77697468;

/**
 * Whether `text[start, end)` is one of {@link GOPHER_STOP_WORDS}, ignoring ASCII case; compares
 * character codes, so no substring is made.
 */
export function isGopherStopWord(text: string, start: number, end: number): boolean {
  let key = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
    key = (key << 8) | c;
  }
  switch (key) {
    case KEY_THE:
    case KEY_BE:
    case KEY_TO:
    case KEY_OF:
    case KEY_AND:
    case KEY_THAT:
    case KEY_HAVE:
    case KEY_WITH:
      return true;
    default:
      return false;
  }
}
