import type { PageScan } from './scan-page.ts';

/** The most links one page yields. */
export const MAX_LINKS = 1000;

/**
 * Resolves the page's base URL: the first `<base href>` against the page URL, else the page URL.
 * An unparsable base is ignored.
 */
export function baseUrlOf(scan: PageScan, pageUrl: string): string {
  const href = scan.baseHref;
  if (href === undefined) return pageUrl;
  try {
    return new URL(href.trim(), pageUrl).href;
  } catch {
    return pageUrl;
  }
}

/**
 * Lists the page's outgoing links: every `<a href>` (and `<area href>`) resolved against the base
 * URL, http(s) only, without fragments, deduplicated in document order, at most `MAX_LINKS`.
 *
 * @example extractLinks(scanPage(doc), 'https://example.org/a/') // ['https://example.org/a/b', …]
 */
export function extractLinks(scan: PageScan, pageUrl: string): string[] {
  const base = baseUrlOf(scan, pageUrl);
  const seen = new Set<string>();
  for (const anchor of scan.anchors) {
    const href = anchor.getAttribute('href');
    if (href === null) continue;
    const trimmed = href.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const url = resolveHttpUrl(trimmed, base);
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    if (seen.size >= MAX_LINKS) break;
  }
  return [...seen];
}

/** Resolves `href` against `base`; undefined unless the result is http(s). Drops the fragment. */
export function resolveHttpUrl(href: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}
