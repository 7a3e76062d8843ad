import { parse as parseDomain } from 'tldts';
import { MAX_URL_LENGTH } from './egress-limits.ts';
import type { EgressRefusal } from './egress-refusal.ts';
import { findEmbeddedAddress } from './find-embedded-address.ts';
import { normalizeDenyListEntry } from './normalize-deny-list-entry.ts';
import { parseIpv4 } from './parse-ipv4.ts';
import { isSameOrSubdomain, isSpecialUseDomain } from './special-use-domains.ts';

/** Options of {@link checkEgressUrl}. */
export type CheckEgressUrlOptions = {
  /**
   * Domains the user never wants fetched; each blocks itself and its subdomains. Entries are read
   * with `normalizeDenyListEntry` (`*.x.com`, `.x.com`, full URLs and IDN all work).
   * @default []
   */
  denyList?: readonly string[];
};

/** Answer of {@link checkEgressUrl}: the parsed URL to fetch, or why not. */
export type CheckEgressUrlResult =
  | { ok: true; url: URL }
  | { ok: false; code: EgressRefusal; reason: string };

const ALLOWED_PORTS = new Set(['', '80', '443']);
const LOCALHOST_NAMES = ['localhost', 'localhost.localdomain'];
// A DNS host name after WHATWG parsing: ASCII letters, digits, hyphen, underscore (seen in real
// hosts), labels of 1..63 octets, 253 octets in all.
const LABEL_PATTERN = /^[a-z0-9_-]{1,63}$/;

/**
 * Checks one URL against Plaza's egress policy before anything is fetched. The extension runs it
 * on every URL it is given and on every redirect hop; the coordinator runs it before a URL enters
 * the frontier. It does not resolve DNS: the coordinator adds that check (`checkResolvedHost`).
 *
 * Refused, in this order: longer than {@link MAX_URL_LENGTH} (`URL_TOO_LONG`); not a URL
 * (`URL_INVALID`); a scheme other than http/https (`SCHEME_FORBIDDEN`); a user name or password
 * (`CREDENTIALS_IN_URL`); an explicit port other than 80 or 443, on either scheme
 * (`PORT_FORBIDDEN`); an IPv4 host in any notation (`http://2130706433/`, `http://0x7f.1/`,
 * `http://127.1/` — the URL parser turns them into dotted quads) or a bracketed IPv6 host
 * (`IP_LITERAL`); `localhost`, `*.localhost` (`LOCALHOST`); host names DNS cannot carry
 * (`HOST_INVALID`); hosts without a dot (`SINGLE_LABEL_HOST`); names that spell a non-public
 * address for wildcard DNS, dotted, dashed, in hex or as dashed IPv6 (`10.0.0.1.nip.io`,
 * `ip-192-168-1-1.sslip.io`, `7f000001.nip.io`, `fe80--1.sslip.io`: `EMBEDDED_PRIVATE_ADDRESS`,
 * see `findEmbeddedAddress`); special-use names such as `.local`,
 * `.test`, `.internal`, `.onion`, `.home.arpa`, and router admin names such as `fritz.box`
 * (`SPECIAL_USE_DOMAIN`); hosts whose suffix is not an
 * ICANN public suffix, such as `.lan` or `.corp`, or that are a public suffix themselves
 * (`NO_PUBLIC_SUFFIX`); hosts on the deny list (`DENY_LISTED`).
 *
 * The host is compared lowercase, as punycode, without its trailing dot (`Example.COM.` is
 * `example.com`). The returned URL is the parser's, unchanged: fetch exactly that.
 *
 * @example
 * ```ts
 * checkEgressUrl('https://news.example.com/a?b=1'); // { ok: true, url: URL }
 * checkEgressUrl('http://0x7f.1/'); // { ok: false, code: 'IP_LITERAL', reason: '…' }
 * checkEgressUrl('https://ads.tracker.com/', { denyList: ['tracker.com'] }); // DENY_LISTED
 * ```
 */
export function checkEgressUrl(
  url: string,
  options: CheckEgressUrlOptions = {},
): CheckEgressUrlResult {
  if (url.length > MAX_URL_LENGTH) {
    return refuse('URL_TOO_LONG', `URL is ${url.length} characters, over ${MAX_URL_LENGTH}.`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('URL_INVALID', `"${preview(url)}" is not a valid absolute URL.`);
  }
  if (parsed.href.length > MAX_URL_LENGTH) {
    return refuse(
      'URL_TOO_LONG',
      `URL is ${parsed.href.length} characters once encoded, over ${MAX_URL_LENGTH}.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return refuse('SCHEME_FORBIDDEN', `Scheme "${parsed.protocol}" is not http: or https:.`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return refuse('CREDENTIALS_IN_URL', 'URL carries a user name or password.');
  }
  if (!ALLOWED_PORTS.has(parsed.port)) {
    return refuse('PORT_FORBIDDEN', `Port ${parsed.port} is not 80 or 443.`);
  }
  const hostRefusal = checkHost(parsed.hostname, options.denyList ?? []);
  return hostRefusal ?? { ok: true, url: parsed };
}

function checkHost(hostname: string, denyList: readonly string[]): CheckEgressUrlResult | null {
  if (hostname.startsWith('[')) {
    return refuse('IP_LITERAL', `Host ${hostname} is an IPv6 address literal.`);
  }
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  // WHATWG parsers already rewrite every IPv4 notation to a dotted quad; this catches a runtime
  // that does not, and any host that a resolver's inet_aton would still read as an address.
  if (parseIpv4(host) !== null) {
    return refuse('IP_LITERAL', `Host ${hostname} is an IPv4 address literal.`);
  }
  if (LOCALHOST_NAMES.some((name) => isSameOrSubdomain(host, name))) {
    return refuse('LOCALHOST', `Host ${hostname} is localhost.`);
  }
  const labels = host.split('.');
  if (host.length > 253 || !labels.every((label) => LABEL_PATTERN.test(label))) {
    return refuse('HOST_INVALID', `Host ${hostname} is not a valid DNS host name.`);
  }
  if (labels.length < 2) {
    return refuse('SINGLE_LABEL_HOST', `Host ${hostname} has a single label.`);
  }
  const embedded = findEmbeddedAddress(labels);
  if (embedded !== null) {
    return refuse(
      'EMBEDDED_PRIVATE_ADDRESS',
      `Host ${hostname} spells the non-public address ${embedded}.`,
    );
  }
  if (isSpecialUseDomain(host)) {
    return refuse('SPECIAL_USE_DOMAIN', `Host ${hostname} is under a special-use domain.`);
  }
  const domain = parseDomain(host, { allowPrivateDomains: false, extractHostname: false });
  if (domain.isIcann !== true || domain.publicSuffix === null) {
    return refuse('NO_PUBLIC_SUFFIX', `Host ${hostname} has no ICANN public suffix.`);
  }
  if (domain.domain === null) {
    return refuse('NO_PUBLIC_SUFFIX', `Host ${hostname} is itself a public suffix.`);
  }
  for (const entry of denyList) {
    const denied = normalizeDenyListEntry(entry);
    if (denied !== null && isSameOrSubdomain(host, denied)) {
      return refuse('DENY_LISTED', `Host ${hostname} is under deny-listed ${denied}.`);
    }
  }
  return null;
}

function refuse(code: EgressRefusal, reason: string): CheckEgressUrlResult {
  return { ok: false, code, reason };
}

function preview(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
