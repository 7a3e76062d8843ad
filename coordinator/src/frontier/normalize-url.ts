import { MAX_URL_LENGTH } from '@plaza/protocol';
import { normalizePercentEncoding } from './percent-encoding.ts';

/** Why {@link normalizeUrl} gave no URL. Codes shared with `EgressRefusal` mean the same thing. */
export type NormalizeUrlRefusal = 'URL_INVALID' | 'SCHEME_FORBIDDEN' | 'URL_TOO_LONG';

/** Answer of {@link normalizeUrl}: the canonical URL string, or why there is none. */
export type NormalizeUrlResult =
  | { ok: true; url: string }
  | { ok: false; code: NormalizeUrlRefusal; reason: string };

/** Longest input read at all; tracking parameters can make a long input normalize short. */
const MAX_INPUT_LENGTH = 8 * MAX_URL_LENGTH;

/** Query parameters dropped by exact (case-insensitive) name; every `utm_*` is dropped too. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  '__hsfp',
  '__hssc',
  '__hstc',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  '_openstat',
  'dclid',
  'fbclid',
  'gbraid',
  'gclid',
  'gclsrc',
  'igshid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  'msclkid',
  'oly_anon_id',
  'oly_enc_id',
  'ref_src',
  'ref_url',
  'srsltid',
  'ttclid',
  'twclid',
  'vero_conv',
  'vero_id',
  'wbraid',
  'yclid',
  'ymclid',
]);

/**
 * Whether a query parameter name is a click or campaign tracker that never changes the page:
 * `utm_*` and {@link TRACKING_PARAMS}, compared lowercase. `ref` alone is kept (GitHub uses it for
 * branches).
 */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/**
 * Puts an http(s) URL in the canonical form the frontier stores, so one page is one row:
 * - WHATWG parsing (relative to `base` when given): scheme and host lowercase, IDN as punycode,
 *   IPv4 in dotted form, default port dropped, dot segments removed, empty path becomes `/`;
 * - the fragment dropped; one trailing dot of the host dropped (`example.com.` → `example.com`);
 * - percent-encoding normalized in path and query: unreserved characters decoded, other escapes
 *   with uppercase hex (`%7e` → `~`, `%2f` → `%2F`); the path's case is kept;
 * - query parameters split on `&`, tracking parameters (`utm_*`, `gclid`, `fbclid` … see
 *   {@link isTrackingParam}) and empty pieces dropped, the rest sorted by name, stably (repeated
 *   names keep their order); `+` and `%20` are left as they are; an empty query disappears.
 *
 * User info is kept: the egress check refuses such URLs rather than silently changing them.
 * The result is idempotent: normalizing it again gives it back.
 *
 * @example
 * ```ts
 * normalizeUrl('HTTP://Example.COM.:80/a/./b/../%7euser?utm_source=x&b=2&a=1#top');
 * // { ok: true, url: 'http://example.com/a/~user?a=1&b=2' }
 * normalizeUrl('../c', 'https://example.com/a/b'); // { ok: true, url: 'https://example.com/c' }
 * normalizeUrl('mailto:x@example.com'); // { ok: false, code: 'SCHEME_FORBIDDEN', … }
 * ```
 */
export function normalizeUrl(input: string, base?: string | URL): NormalizeUrlResult {
  if (input.length > MAX_INPUT_LENGTH) {
    return { ok: false, code: 'URL_TOO_LONG', reason: `URL is ${input.length} characters long.` };
  }
  let url: URL;
  try {
    url = base === undefined ? new URL(input) : new URL(input, base);
  } catch {
    const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
    return { ok: false, code: 'URL_INVALID', reason: `"${shown}" is not a valid URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      code: 'SCHEME_FORBIDDEN',
      reason: `Scheme "${url.protocol}" is not http: or https:.`,
    };
  }
  url.hash = '';
  if (url.hostname.endsWith('.') && url.hostname.length > 1) {
    url.hostname = url.hostname.slice(0, -1);
  }
  // Decoding only unreserved characters can never create a new '/', '?', '#' or dot segment
  // the parser did not already see (it reads %2e as a dot), so setting the path back is safe.
  url.pathname = normalizePercentEncoding(url.pathname);
  url.search = normalizeQuery(url.search);
  const href = url.href;
  if (href.length > MAX_URL_LENGTH) {
    return {
      ok: false,
      code: 'URL_TOO_LONG',
      reason: `Normalized URL is ${href.length} characters, over ${MAX_URL_LENGTH}.`,
    };
  }
  return { ok: true, url: href };
}

function normalizeQuery(search: string): string {
  if (search.length <= 1) return '';
  const params: { name: string; piece: string }[] = [];
  for (const raw of search.slice(1).split('&')) {
    if (raw === '') continue;
    const piece = normalizePercentEncoding(raw);
    const equals = piece.indexOf('=');
    const name = equals === -1 ? piece : piece.slice(0, equals);
    if (isTrackingParam(safeDecode(name))) continue;
    params.push({ name, piece });
  }
  // Array.prototype.sort is stable (ES2019), so repeated names keep their relative order.
  params.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return params.length === 0 ? '' : `?${params.map((param) => param.piece).join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
