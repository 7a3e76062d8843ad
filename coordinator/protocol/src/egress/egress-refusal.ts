/**
 * Why the egress policy refused a URL. Every refusal of {@link checkEgressUrl} carries one of these;
 * the extension shows it in its activity log and the coordinator stores it on the frontier row.
 *
 * @example
 * ```ts
 * const result = checkEgressUrl('http://127.0.0.1/');
 * if (!result.ok && result.code === EgressRefusal.IP_LITERAL) console.log(result.reason);
 * ```
 */
export const EgressRefusal = {
  /** The URL is longer than {@link MAX_URL_LENGTH}, before or after parsing. */
  URL_TOO_LONG: 'URL_TOO_LONG',
  /** The WHATWG URL parser rejected the string. */
  URL_INVALID: 'URL_INVALID',
  /** The scheme is not `http:` or `https:` (`file:`, `data:`, `javascript:`, `ftp:`, `ws:` …). */
  SCHEME_FORBIDDEN: 'SCHEME_FORBIDDEN',
  /** The URL carries a user name or password. */
  CREDENTIALS_IN_URL: 'CREDENTIALS_IN_URL',
  /** An explicit port other than 80 or 443. */
  PORT_FORBIDDEN: 'PORT_FORBIDDEN',
  /** The host is an IPv4 address (in any notation) or a bracketed IPv6 address. */
  IP_LITERAL: 'IP_LITERAL',
  /** `localhost`, `*.localhost` or `localhost.localdomain`. */
  LOCALHOST: 'LOCALHOST',
  /** The host has characters or label lengths no DNS host name can have. */
  HOST_INVALID: 'HOST_INVALID',
  /** A host without a dot (`intranet`, `router`): resolved through the local search domains. */
  SINGLE_LABEL_HOST: 'SINGLE_LABEL_HOST',
  /** The name spells a non-public IPv4 address for wildcard DNS (`10.0.0.1.nip.io`). */
  EMBEDDED_PRIVATE_ADDRESS: 'EMBEDDED_PRIVATE_ADDRESS',
  /**
   * A special-use name (`.local`, `.test`, `.onion`, `.home.arpa`, `.internal`, any `.arpa` …) or a
   * public name that home routers answer locally (`fritz.box`, `routerlogin.net` …).
   */
  SPECIAL_USE_DOMAIN: 'SPECIAL_USE_DOMAIN',
  /** The host's suffix is not an ICANN public suffix (`.lan`, `.corp`), or the host is one. */
  NO_PUBLIC_SUFFIX: 'NO_PUBLIC_SUFFIX',
  /** The host is, or is under, a domain on the user's deny list. */
  DENY_LISTED: 'DENY_LISTED',
} as const;

/** One of the {@link EgressRefusal} codes. */
export type EgressRefusal = (typeof EgressRefusal)[keyof typeof EgressRefusal];
