const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const HEX = '0123456789ABCDEF';
const encoder = new TextEncoder();

/**
 * Normalizes percent-encoding per RFC 3986 §6.2.2.2: `%xx` of an unreserved character
 * (`A-Z a-z 0-9 - . _ ~`) is decoded, every other `%xx` gets uppercase hex. A `%` not followed by
 * two hex digits is left alone. With `encodeUnsafe`, characters that never appear raw in a URL
 * (non-ASCII, controls, space, `"` `<` `>` `\` `^` `` ` `` `{` `|` `}`) are encoded as UTF-8 too,
 * so `/café` and `/caf%C3%A9` compare equal.
 *
 * @example
 * ```ts
 * normalizePercentEncoding('/a%2db%3a%7e'); // '/a-b%3A~'
 * normalizePercentEncoding('/café', { encodeUnsafe: true }); // '/caf%C3%A9'
 * ```
 */
export function normalizePercentEncoding(
  text: string,
  options: { encodeUnsafe?: boolean } = {},
): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '%' && isHex(text[index + 1]) && isHex(text[index + 2])) {
      const code = Number.parseInt(text.slice(index + 1, index + 3), 16);
      const decoded = String.fromCharCode(code);
      out += UNRESERVED.test(decoded) ? decoded : `%${HEX[code >> 4]}${HEX[code & 15]}`;
      index += 2;
      continue;
    }
    const code = char.charCodeAt(0);
    if (options.encodeUnsafe && isUnsafe(code)) {
      const low = text.charCodeAt(index + 1);
      const isPair = code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
      const unit = isPair ? text.slice(index, index + 2) : char;
      if (isPair) index++;
      for (const byte of encoder.encode(unit)) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
      continue;
    }
    out += char;
  }
  return out;
}

function isHex(char: string | undefined): boolean {
  return char !== undefined && /^[0-9A-Fa-f]$/.test(char);
}

function isUnsafe(code: number): boolean {
  return (
    code <= 0x20 ||
    code >= 0x7f ||
    code === 0x22 || // "
    code === 0x3c || // <
    code === 0x3e || // >
    code === 0x5c || // \
    code === 0x5e || // ^
    code === 0x60 || // `
    code === 0x7b || // {
    code === 0x7c || // |
    code === 0x7d // }
  );
}
