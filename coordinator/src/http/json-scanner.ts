/** Bounds on the shape of a JSON request body, checked before it is parsed. */
export interface JsonShapeLimits {
  /** Most values (every array element, object member and the root count one each). */
  maxNodes: number;
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
}

/** Why {@link createJsonScanner} stopped a body. */
export type JsonShapeProblem = 'TOO_MANY_NODES' | 'TOO_DEEP';

/** A streaming scanner fed the bytes of a JSON text chunk by chunk. */
export interface JsonScanner {
  /** Scans the next bytes; returns the first limit they break, or null. */
  write(chunk: Uint8Array): JsonShapeProblem | null;
  /** Values seen so far. */
  readonly nodes: number;
  /** Whether a string or key holds the escape `\u0000` (JSON text cannot hold a raw NUL). */
  readonly hasNul: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const LOWER_U = 0x75;

const OTHER = 0;
const WHITESPACE = 1;
const STRING = 2;
const COMMA_KIND = 3;
const OPEN = 4;
const CLOSE = 5;
/** What each byte is to the scanner outside strings (digits, letters of literals: OTHER). */
const BYTE_KINDS = (() => {
  const kinds = new Uint8Array(256);
  for (const byte of [0x20, 0x0a, 0x0d, 0x09]) kinds[byte] = WHITESPACE;
  kinds[QUOTE] = STRING;
  kinds[COMMA] = COMMA_KIND;
  kinds[OPEN_BRACKET] = OPEN;
  kinds[OPEN_BRACE] = OPEN;
  kinds[CLOSE_BRACKET] = CLOSE;
  kinds[CLOSE_BRACE] = CLOSE;
  return kinds;
})();

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Counts the values and the nesting depth of a JSON text as its bytes arrive, in one pass with
 * constant memory (a few numbers of state, nothing per value), and notes a `\u0000` escape. It
 * does not validate the text: `JSON.parse` does that afterwards, only for bodies within the
 * limits, so its time and memory stay bounded by `maxNodes`. UTF-8 is scanned as bytes: every
 * structural character is ASCII and no byte of a multi-byte sequence is.
 *
 * @example
 * const scanner = createJsonScanner({ maxNodes: 200_000, maxDepth: 64 });
 * scanner.write(new TextEncoder().encode('[1,[2,3]]')); // null; scanner.nodes === 4
 */
export function createJsonScanner(limits: JsonShapeLimits): JsonScanner {
  // The root is a value; an empty body is left to JSON.parse to refuse.
  let nodes = 1;
  let depth = 0;
  let inString = false;
  /** 0: none; 1: after a backslash; 2..5: that many hex digits of a \u escape to go, plus one. */
  let escaping = 0;
  let escapeValue = 0;
  /** A container just opened: its first value, if any, has not been counted yet. */
  let opened = false;
  let hasNul = false;

  /** Takes the next byte of an escape sequence (`\n`, `\u0041` …). */
  const escapeByte = (byte: number): void => {
    if (escaping === 1) {
      if (byte === LOWER_U) {
        escaping = 5;
        escapeValue = 0;
      } else {
        escaping = 0;
      }
      return;
    }
    escapeValue = escapeValue * 16 + Math.max(0, hexValue(byte));
    escaping--;
    if (escaping === 1) {
      escaping = 0;
      if (escapeValue === 0) hasNul = true;
    }
  };

  // Where the next quote and backslash of the current chunk are (-1: none left), found natively
  // and only looked for again once passed: string content is most of a body's bytes.
  let nextQuote = -1;
  let nextBackslash = -1;

  /** Scans string content from `from`; returns where the string ended (past its quote) or the chunk's end. */
  const scanString = (chunk: Uint8Array, from: number): number => {
    let i = from;
    while (i < chunk.length) {
      if (escaping !== 0) {
        escapeByte(chunk[i++]!);
        continue;
      }
      if (nextQuote !== -1 && nextQuote < i) nextQuote = chunk.indexOf(QUOTE, i);
      if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
      if (nextBackslash !== -1 && (nextQuote === -1 || nextBackslash < nextQuote)) {
        escaping = 1;
        i = nextBackslash + 1;
        continue;
      }
      if (nextQuote === -1) return chunk.length;
      inString = false;
      return nextQuote + 1;
    }
    return i;
  };

  return {
    write(chunk) {
      const { maxNodes, maxDepth } = limits;
      nextQuote = chunk.indexOf(QUOTE);
      nextBackslash = chunk.indexOf(BACKSLASH);
      let i = 0;
      while (i < chunk.length) {
        if (inString) {
          i = scanString(chunk, i);
          continue;
        }
        const kind = BYTE_KINDS[chunk[i++]!]!;
        if (kind === WHITESPACE) continue;
        if (opened) {
          opened = false;
          if (kind !== CLOSE && ++nodes > maxNodes) return 'TOO_MANY_NODES';
        }
        if (kind === OTHER) continue;
        if (kind === COMMA_KIND) {
          if (++nodes > maxNodes) return 'TOO_MANY_NODES';
        } else if (kind === STRING) {
          inString = true;
        } else if (kind === OPEN) {
          if (++depth > maxDepth) return 'TOO_DEEP';
          opened = true;
        } else {
          depth--;
        }
      }
      return null;
    },
    get nodes() {
      return nodes;
    },
    get hasNul() {
      return hasNul;
    },
  };
}
