/**
 * Domains under which no public web page can live, refused with `SPECIAL_USE_DOMAIN` whatever the
 * Public Suffix List says (it lists `onion`, `home.arpa` and the reverse-DNS zones as ordinary ICANN
 * suffixes). Each entry covers itself and every name below it.
 *
 * From the IANA special-use domain names registry (RFC 6761, 6762, 7686, 8375, 9476 …), plus
 * `internal` (reserved by ICANN for private use in 2024) and all of `arpa` (infrastructure, never
 * web content). `example.com`, `example.net` and `example.org` are deliberately absent: they are
 * real, public, ICANN-registered hosts (`news.example.com` passes). Undelegated names that
 * people use at home (`.lan`, `.corp`, `.home`) have no ICANN suffix and fail that check instead.
 */
export const SPECIAL_USE_DOMAINS: readonly string[] = Object.freeze([
  'alt',
  'arpa',
  'example',
  'internal',
  'invalid',
  'local',
  'localhost',
  'onion',
  'test',
]);

/**
 * Public names that home routers and range extenders answer themselves with their admin page
 * (AVM, Netgear, TP-Link, ASUS, Linksys, Xiaomi, Tenda). Public DNS gives a public address, so the
 * coordinator's DNS check passes, but inside the contributor's home the fetch reaches the router:
 * exactly what the egress policy exists to stop. Refused with `SPECIAL_USE_DOMAIN`.
 */
export const ROUTER_ADMIN_DOMAINS: readonly string[] = Object.freeze([
  'asusrouter.com',
  'fritz.box',
  'linksyssmartwifi.com',
  'miwifi.com',
  'myfritz.net',
  'mywifiext.com',
  'mywifiext.net',
  'orbilogin.com',
  'orbilogin.net',
  'router.asus.com',
  'routerlogin.com',
  'routerlogin.net',
  'tendawifi.com',
  'tplinkap.net',
  'tplinklogin.net',
  'tplinkmodem.net',
  'tplinkrepeater.net',
  'tplinkwifi.net',
]);

/**
 * Whether a normalized host (lowercase, no trailing dot) is, or is under, one of
 * {@link SPECIAL_USE_DOMAINS} or {@link ROUTER_ADMIN_DOMAINS}.
 *
 * @example
 * ```ts
 * isSpecialUseDomain('printer.local'); // true
 * isSpecialUseDomain('news.example.com'); // false
 * ```
 */
export function isSpecialUseDomain(host: string): boolean {
  const matches = (domain: string): boolean => isSameOrSubdomain(host, domain);
  return SPECIAL_USE_DOMAINS.some(matches) || ROUTER_ADMIN_DOMAINS.some(matches);
}

/**
 * Whether `host` equals `domain` or ends with `.domain` (on a label boundary, so `latest` is not
 * under `test`). Both must already be lowercase without a trailing dot.
 *
 * @example
 * ```ts
 * isSameOrSubdomain('a.b.example.org', 'example.org'); // true
 * isSameOrSubdomain('notexample.org', 'example.org'); // false
 * ```
 */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  return (
    host === domain ||
    (host.length > domain.length &&
      host.endsWith(domain) &&
      host.charCodeAt(host.length - domain.length - 1) === 46) // '.'
  );
}
