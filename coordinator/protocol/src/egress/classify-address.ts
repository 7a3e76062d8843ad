import { parseIpv4Strict } from './parse-ipv4.ts';
import { parseIpv6 } from './parse-ipv6.ts';

/**
 * What kind of destination an IP address is, after the IANA IPv4 and IPv6 special-purpose address
 * registries. Only `'public'` may be fetched; `'invalid'` means the text was not an address.
 */
export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'unspecified'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'invalid';

type Ipv4Range = readonly [base: number, prefixLength: number, kind: AddressClass];

// Most specific first where ranges nest (255.255.255.255/32 inside 240.0.0.0/4).
const IPV4_RANGES: readonly Ipv4Range[] = [
  [0x00000000, 8, 'unspecified'], // 0.0.0.0/8 "this network" (RFC 791, 1122)
  [0x0a000000, 8, 'private'], // 10.0.0.0/8 (RFC 1918)
  [0x64400000, 10, 'cgnat'], // 100.64.0.0/10 shared address space (RFC 6598)
  [0x7f000000, 8, 'loopback'], // 127.0.0.0/8
  [0xa9fe0000, 16, 'link-local'], // 169.254.0.0/16, cloud metadata lives here
  [0xac100000, 12, 'private'], // 172.16.0.0/12 (RFC 1918)
  [0xc0000000, 24, 'reserved'], // 192.0.0.0/24 IETF protocol assignments (RFC 6890)
  [0xc0000200, 24, 'documentation'], // 192.0.2.0/24 TEST-NET-1 (RFC 5737)
  [0xc0586300, 24, 'reserved'], // 192.88.99.0/24 6to4 relay anycast, deprecated (RFC 7526)
  [0xc0a80000, 16, 'private'], // 192.168.0.0/16 (RFC 1918)
  [0xc6120000, 15, 'benchmarking'], // 198.18.0.0/15 (RFC 2544)
  [0xc6336400, 24, 'documentation'], // 198.51.100.0/24 TEST-NET-2
  [0xcb007100, 24, 'documentation'], // 203.0.113.0/24 TEST-NET-3
  [0xe0000000, 4, 'multicast'], // 224.0.0.0/4
  [0xffffffff, 32, 'broadcast'], // 255.255.255.255/32
  [0xf0000000, 4, 'reserved'], // 240.0.0.0/4 (RFC 1112)
];

/**
 * Classifies an IPv4 or IPv6 address (the text a resolver answers) by the IANA special-purpose
 * registries, with integer arithmetic only.
 *
 * IPv6 addresses that carry an IPv4 address are judged by it: IPv4-mapped `::ffff:a.b.c.d`,
 * IPv4-translated `::ffff:0:a.b.c.d` and NAT64 `64:ff9b::a.b.c.d` take the class of the embedded
 * address; 6to4 (`2002::/16`) and Teredo (`2001::/32`, server and de-obfuscated client) take it
 * when it is not public. Outside `2000::/3` everything unassigned is `'reserved'`.
 *
 * IPv4 must be a canonical dotted quad: `127.1`, `0x7f.0.0.1` or `010.0.0.1` are `'invalid'`
 * rather than guessed, since parsers disagree on them (refuse such hosts with `parseIpv4`).
 * Brackets and an IPv6 zone id are accepted.
 *
 * @example
 * ```ts
 * classifyAddress('10.1.2.3'); // 'private'
 * classifyAddress('::ffff:169.254.169.254'); // 'link-local'
 * classifyAddress('2606:4700::1111'); // 'public'
 * classifyAddress('not an ip'); // 'invalid'
 * ```
 */
export function classifyAddress(ip: string): AddressClass {
  const text = ip.trim();
  if (text.includes(':')) {
    const groups = parseIpv6(text);
    return groups === null ? 'invalid' : classifyIpv6(groups);
  }
  const ipv4 = parseIpv4Strict(text);
  return ipv4 === null ? 'invalid' : classifyIpv4(ipv4);
}

/**
 * Classifies an IPv4 address given as an unsigned 32-bit integer (see {@link classifyAddress}).
 *
 * @example
 * ```ts
 * classifyIpv4(0x7f000001); // 'loopback'
 * ```
 */
export function classifyIpv4(address: number): AddressClass {
  const value = address >>> 0;
  for (const [base, prefixLength, kind] of IPV4_RANGES) {
    // Compare the top `prefixLength` bits; prefix lengths here are 4..32, so the shift is 0..28.
    if ((value ^ base) >>> (32 - prefixLength) === 0) return kind;
  }
  return 'public';
}

/**
 * Classifies an IPv6 address given as its eight 16-bit groups (see {@link classifyAddress}).
 *
 * @example
 * ```ts
 * classifyIpv6([0xfe80, 0, 0, 0, 0, 0, 0, 1]); // 'link-local'
 * ```
 */
export function classifyIpv6(groups: readonly number[]): AddressClass {
  if (groups.length !== 8) return 'invalid';
  const g = (index: number): number => groups[index]! & 0xffff;
  const embedded = (high: number, low: number): AddressClass =>
    classifyIpv4(((g(high) << 16) | g(low)) >>> 0);
  const zeroUpTo = (end: number): boolean => groups.slice(0, end).every((group) => group === 0);

  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g(7) === 1) return 'loopback';
  if (zeroUpTo(5) && g(5) === 0xffff) return embedded(6, 7); // ::ffff:0:0/96 IPv4-mapped
  if (zeroUpTo(4) && g(4) === 0xffff && g(5) === 0) return embedded(6, 7); // IPv4-translated
  if (g(0) === 0x0064 && g(1) === 0xff9b) {
    // 64:ff9b::/96 well-known NAT64 prefix (RFC 6052): the packet goes to the embedded address.
    if (g(2) === 0 && g(3) === 0 && g(4) === 0 && g(5) === 0) return embedded(6, 7);
    // 64:ff9b:1::/48 local-use NAT64 (RFC 8215): never globally reachable.
    if (g(2) === 1) return 'private';
    return 'reserved';
  }
  if (g(0) <= 0x00ff) return 'reserved'; // ::/8, incl. deprecated IPv4-compatible ::a.b.c.d
  if (g(0) === 0x0100 && g(1) === 0 && g(2) === 0 && g(3) === 0) return 'reserved'; // discard-only
  if (g(0) === 0x2001) {
    if (g(1) === 0) {
      // Teredo (RFC 4380): server IPv4 in groups 2-3, client IPv4 inverted in groups 6-7.
      const server = embedded(2, 3);
      if (server !== 'public') return server;
      return classifyIpv4(~((g(6) << 16) | g(7)) >>> 0);
    }
    if (g(1) === 0x0db8) return 'documentation'; // 2001:db8::/32 (RFC 3849)
    if (g(1) === 0x0002 && g(2) === 0) return 'benchmarking'; // 2001:2::/48 (RFC 5180)
    if (g(1) < 0x0200) return 'reserved'; // rest of 2001::/23 IETF protocol assignments
  }
  if (g(0) === 0x2002) {
    // 6to4 (RFC 3056): the IPv4 address of the site's relay is in groups 1-2.
    return embedded(1, 2);
  }
  if (g(0) === 0x3fff && g(1) < 0x1000) return 'documentation'; // 3fff::/20 (RFC 9637)
  if ((g(0) & 0xfe00) === 0xfc00) return 'unique-local'; // fc00::/7
  if ((g(0) & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g(0) & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 site-local, deprecated
  if ((g(0) & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  if ((g(0) & 0xe000) === 0x2000) return 'public'; // 2000::/3 global unicast
  return 'reserved';
}
