import { parseIpv4Strict } from './parse-ipv4.ts';

/**
 * Parses an IPv6 address in RFC 4291 text form: eight groups of one to four hex digits, at most one
 * `::`, optionally a dotted-quad IPv4 address as the last 32 bits (`::ffff:127.0.0.1`). Surrounding
 * brackets and a zone id (`fe80::1%eth0`) are accepted and dropped.
 *
 * @returns the eight 16-bit groups, or `null` when `input` is not an IPv6 address.
 * @example
 * ```ts
 * parseIpv6('[::1]'); // [0, 0, 0, 0, 0, 0, 0, 1]
 * parseIpv6('::ffff:10.0.0.1'); // [0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001]
 * ```
 */
export function parseIpv6(input: string): number[] | null {
  let text = input;
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone !== -1) {
    if (zone === text.length - 1) return null;
    text = text.slice(0, zone);
  }
  if (text.length < 2 || text.length > 45) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  if (halves.length === 1) {
    const groups = parseGroups(text, true);
    return groups !== null && groups.length === 8 ? groups : null;
  }
  const head = parseGroups(halves[0]!, false);
  const tail = parseGroups(halves[1]!, true);
  if (head === null || tail === null || head.length + tail.length > 7) return null;
  const zeros = new Array<number>(8 - head.length - tail.length).fill(0);
  return [...head, ...zeros, ...tail];
}

function parseGroups(text: string, allowIpv4Tail: boolean): number[] | null {
  if (text === '') return [];
  const items = text.split(':');
  const groups: number[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    if (allowIpv4Tail && index === items.length - 1 && item.includes('.')) {
      const ipv4 = parseIpv4Strict(item);
      if (ipv4 === null) return null;
      groups.push(ipv4 >>> 16, ipv4 & 0xffff);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) {
      groups.push(Number.parseInt(item, 16));
    } else {
      return null;
    }
  }
  return groups;
}
