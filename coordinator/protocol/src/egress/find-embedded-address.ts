import { classifyAddress, classifyIpv4, classifyIpv6 } from './classify-address.ts';
import { formatIpv4 } from './parse-ipv4.ts';
import { parseIpv6 } from './parse-ipv6.ts';

/** The most dash-separated parts an IPv6 address spells: 8 groups, and `::` at one end adds 2. */
const MAX_IPV6_PARTS = 10;

function isNonPublic(kind: string): boolean {
  return kind !== 'public' && kind !== 'invalid';
}

/** Dotted (`10.0.0.1.x`) and dashed (`ip-10-0-0-1.x`) IPv4 addresses. */
function findDecimalIpv4(labels: readonly string[]): string | null {
  for (let index = 0; index + 4 <= labels.length; index++) {
    const candidate = labels.slice(index, index + 4).join('.');
    if (isNonPublic(classifyAddress(candidate))) return candidate;
  }
  for (const label of labels) {
    const dashed = /(?:^|[^0-9])(\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3})(?:$|[^0-9])/.exec(label);
    const candidate = dashed?.[1]?.replaceAll('-', '.');
    if (candidate && isNonPublic(classifyAddress(candidate))) return candidate;
  }
  return null;
}

/** Eight hex digits as a label or a dash-separated part of one (`7f000001`, `app-c0a80101`). */
function findHexIpv4(parts: readonly string[]): string | null {
  for (const part of parts) {
    if (!/^[0-9a-f]{8}$/.test(part)) continue;
    const address = Number.parseInt(part, 16) >>> 0;
    if (isNonPublic(classifyIpv4(address))) return formatIpv4(address);
  }
  return null;
}

/**
 * An IPv6 address with dashes for colons at the end of a label, as sslip.io reads it (`--1`,
 * `fe80--1`, `www-fd00--7`): every run of dash-separated parts up to the label's end is read as
 * an address. Only a label with `--` (a `::`) or seven dashes (eight groups) can spell one. A
 * shorter run that is merely reserved (`4f8:c17:b8f::2` inside the public
 * `2a01-4f8-c17-b8f--2`) does not count: only the whole label's reserved addresses do.
 */
function findDashedIpv6(label: string, parts: readonly string[]): string | null {
  if (!label.includes('--') && parts.length < 8) return null;
  for (let start = Math.max(0, parts.length - MAX_IPV6_PARTS); start < parts.length - 1; start++) {
    const text = parts.slice(start).join(':');
    const groups = parseIpv6(text);
    if (groups === null) continue;
    const kind = classifyIpv6(groups);
    if (isNonPublic(kind) && (start === 0 || kind !== 'reserved')) return text;
  }
  return null;
}

/**
 * The non-public IP address a host name spells for a wildcard-DNS service (nip.io, sslip.io and
 * their clones answer a name with the address written in it), or null. Refused spellings: four
 * dotted labels (`10.0.0.1.nip.io`), four dashed numbers in a label (`ip-192-168-1-1.sslip.io`),
 * eight hex digits as a label or a dash-separated part (`7f000001.nip.io`, `app-c0a80101.nip.io`)
 * and IPv6 with dashes for colons (`--1.sslip.io`, `fe80--1.sslip.io`). A name whose label merely
 * looks like one of these (`facade00.example`) is refused too: failing closed is the point.
 *
 * @example
 * ```ts
 * findEmbeddedAddress('fe80--1.sslip.io'.split('.')); // 'fe80::1'
 * findEmbeddedAddress('8-8-8-8.sslip.io'.split('.')); // null (public)
 * ```
 */
export function findEmbeddedAddress(labels: readonly string[]): string | null {
  const decimal = findDecimalIpv4(labels);
  if (decimal !== null) return decimal;
  for (const label of labels) {
    const parts = label.split('-');
    const found = findHexIpv4(parts) ?? findDashedIpv6(label, parts);
    if (found !== null) return found;
  }
  return null;
}
