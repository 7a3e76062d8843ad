/**
 * Parses an IPv4 address the way the WHATWG URL standard (and `inet_aton`) does: one to four
 * dot-separated parts, each decimal, octal (leading `0`) or hexadecimal (`0x`), the last part
 * filling the remaining bytes, one trailing dot allowed. So `127.1`, `2130706433`, `0x7f.1` and
 * `0177.0.0.1` all give 127.0.0.1. Use it to recognise anything a URL parser or a resolver could
 * read as an address; use {@link parseIpv4Strict} for canonical input.
 *
 * @returns the address as an unsigned 32-bit integer, or `null` when `input` is not one.
 * @example
 * ```ts
 * parseIpv4('0x7f.1'); // 2130706433
 * parseIpv4('example.com'); // null
 * ```
 */
export function parseIpv4(input: string): number | null {
  const parts = input.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const value = parseIpv4Number(part);
    if (value === null) return null;
    numbers.push(value);
  }
  let address = 0;
  for (let index = 0; index < numbers.length - 1; index++) {
    const value = numbers[index]!;
    if (value > 255) return null;
    address += value * 256 ** (3 - index);
  }
  const last = numbers[numbers.length - 1]!;
  if (last >= 256 ** (5 - numbers.length)) return null;
  return address + last;
}

/**
 * Parses a canonical dotted-quad IPv4 address: exactly four decimal parts 0–255, no leading zeros,
 * no trailing dot. This is what resolvers answer; anything else is `null`, so callers never have
 * to guess whether `010` meant eight or ten.
 *
 * @returns the address as an unsigned 32-bit integer, or `null`.
 * @example
 * ```ts
 * parseIpv4Strict('10.0.0.1'); // 167772161
 * parseIpv4Strict('010.0.0.1'); // null
 * ```
 */
export function parseIpv4Strict(input: string): number | null {
  const parts = input.split('.');
  if (parts.length !== 4) return null;
  let address = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    address = address * 256 + value;
  }
  return address;
}

/** Formats an unsigned 32-bit integer as a dotted quad. */
export function formatIpv4(address: number): string {
  return [address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff].join(
    '.',
  );
}

function parseIpv4Number(part: string): number | null {
  if (part === '') return null;
  let radix = 10;
  let digits = part;
  if (digits.length >= 2 && (digits.startsWith('0x') || digits.startsWith('0X'))) {
    radix = 16;
    digits = digits.slice(2);
  } else if (digits.length >= 2 && digits.startsWith('0')) {
    radix = 8;
    digits = digits.slice(1);
  }
  if (digits === '') return 0;
  const pattern = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!pattern.test(digits)) return null;
  // Past 2^53 the value is no longer exact, but it is then far above any limit and is refused.
  return Number.parseInt(digits, radix);
}
