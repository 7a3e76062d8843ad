import { parseIpv4Strict, parseIpv6 } from '@plaza/protocol';

/** An address range: 16 bytes (IPv4 as `::ffff:a.b.c.d`) and how many leading bits count. */
export interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}

/**
 * An IP address as 16 bytes, IPv4 mapped into IPv6 (`::ffff:a.b.c.d`), or null for anything
 * else. Node reports IPv4 clients of a dual-stack socket as `::ffff:1.2.3.4`; both forms give the
 * same bytes.
 */
export function addressBytes(text: string): Uint8Array | null {
  const ipv4 = parseIpv4Strict(text);
  const groups =
    ipv4 !== null ? [0, 0, 0, 0, 0, 0xffff, ipv4 >>> 16, ipv4 & 0xffff] : parseIpv6(text);
  if (groups === null) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >>> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

function isMappedIpv4(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/**
 * Parses `10.0.0.0/8`, `2001:db8::/32` or a single address (a full-length prefix). An IPv4 prefix
 * counts from the start of the IPv4 part.
 *
 * @example
 * parseCidr('127.0.0.0/8'); // { bytes: ::ffff:127.0.0.0, prefix: 104 }
 */
export function parseCidr(text: string): Cidr | null {
  const [address = '', length, extra] = text.split('/');
  if (extra !== undefined) return null;
  const bytes = addressBytes(address);
  if (bytes === null) return null;
  const isIpv4 = parseIpv4Strict(address) !== null;
  const max = isIpv4 ? 32 : 128;
  const given = length === undefined ? max : /^\d{1,3}$/.test(length) ? Number(length) : -1;
  if (given < 0 || given > max) return null;
  return { bytes, prefix: isIpv4 ? 96 + given : given };
}

/** Whether `address` (16 bytes) lies in `range`. */
export function isInCidr(address: Uint8Array, range: Cidr): boolean {
  const whole = range.prefix >>> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== range.bytes[i]) return false;
  const rest = range.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (address[whole]! & mask) === (range.bytes[whole]! & mask);
}

/**
 * The key a client address is limited under: an IPv4 address itself, an IPv6 address by its /64
 * (one subscriber usually holds a whole /64, so single addresses would be free to rotate).
 */
export function clientKey(address: Uint8Array): string {
  if (isMappedIpv4(address)) return `ip:${address.subarray(12).join('.')}`;
  const hex = Array.from(address.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
  return `ip6:${hex}/64`;
}
