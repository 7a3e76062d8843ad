import type { CampaignScope } from '@plaza/protocol';
import { ValidationError } from '../errors.ts';
import { compileUrlGlob } from './url-glob.ts';

/** A compiled campaign scope: whether a URL belongs to the campaign. */
export type IsInScope = (url: URL) => boolean;

/**
 * Compiles a campaign's scope once into a predicate over (normalized) URLs. A URL is in scope when
 * it is http(s), its host matches `hosts`, it matches at least one `include` glob (when any are
 * given) and no `exclude` glob.
 *
 * Hosts: `example.com` is that host only; `*.example.com` is every subdomain at any depth
 * (`a.example.com`, `a.b.example.com`) but not `example.com` itself: list both to get both.
 * Patterns are compared lowercase, as punycode, without a trailing dot; ports are ignored (the
 * egress policy allows only 80 and 443 anyway).
 *
 * Globs (see `compileUrlGlob`): `*` matches within one path segment, `**` across segments, `?` is
 * literal. A glob without `://` that starts with `/` or `*` is matched against path and query
 * (`/blog/**`, `**?print=1`); any other glob must be a whole URL (`https://example.com/blog/*`),
 * matched against the URL without its fragment, its scheme and host compared lowercase (write an
 * IDN host as punycode). Globs are anchored at both ends: end one with `**` to allow anything after.
 *
 * @throws {ValidationError} when a host pattern or glob is malformed.
 * @example
 * ```ts
 * const isInScope = compileScope({
 *   hosts: ['example.com', '*.example.com'],
 *   include: ['/blog/**'],
 *   exclude: ['/blog/drafts/**', '**?print=1'],
 * });
 * isInScope(new URL('https://www.example.com/blog/2024/post')); // true
 * isInScope(new URL('https://example.com/shop/')); // false (not included)
 * ```
 */
export function compileScope(scope: CampaignScope): IsInScope {
  const exactHosts = new Set<string>();
  const wildcardSuffixes: string[] = [];
  for (const pattern of scope.hosts) {
    const wildcard = pattern.startsWith('*.');
    const host = normalizeHostPattern(wildcard ? pattern.slice(2) : pattern);
    if (host === null) throw new ValidationError(`Scope host "${pattern}" is not a host name.`);
    if (wildcard) wildcardSuffixes.push(`.${host}`);
    else exactHosts.add(host);
  }
  const include = (scope.include ?? []).map(compileScopeGlob);
  const exclude = (scope.exclude ?? []).map(compileScopeGlob);

  return (url) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
    if (!exactHosts.has(host) && !wildcardSuffixes.some((suffix) => host.endsWith(suffix))) {
      return false;
    }
    if (include.length > 0 && !include.some((matches) => matches(url))) return false;
    return !exclude.some((matches) => matches(url));
  };
}

function normalizeHostPattern(pattern: string): string | null {
  if (pattern === '' || pattern.includes('*') || pattern.includes('/') || pattern.includes(':')) {
    return null;
  }
  try {
    const host = new URL(`http://${pattern}/`).hostname;
    const trimmed = host.endsWith('.') ? host.slice(0, -1) : host;
    return trimmed === '' ? null : trimmed;
  } catch {
    return null;
  }
}

function compileScopeGlob(pattern: string): (url: URL) => boolean {
  const schemeEnd = pattern.indexOf('://');
  if (schemeEnd === -1 && (pattern.startsWith('/') || pattern.startsWith('*'))) {
    const matches = compileUrlGlob(pattern);
    return (url) => matches(url.pathname + url.search);
  }
  if (schemeEnd <= 0) {
    throw new ValidationError(
      `Scope glob "${pattern}" must start with "/" or "*" (path) or be a whole URL ("https://…").`,
    );
  }
  const pathStart = pattern.indexOf('/', schemeEnd + 3);
  const origin = pathStart === -1 ? pattern : pattern.slice(0, pathStart);
  const rest = pathStart === -1 ? '' : pattern.slice(pathStart);
  const matches = compileUrlGlob(origin.toLowerCase() + rest);
  return (url) => {
    const fragment = url.href.indexOf('#');
    return matches(fragment === -1 ? url.href : url.href.slice(0, fragment));
  };
}
