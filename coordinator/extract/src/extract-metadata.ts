import type { JsonLdArticle } from './json-ld.ts';
import type { PageScan } from './scan-page.ts';

/** Title, byline and language of a page. */
export interface PageMetadata {
  title: string;
  byline?: string;
  lang?: string;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Cuts the site name off a `<title>` ("Headline | Site", "Site - Headline"): keeps the longer
 * side of the first separator when that side still has at least three words.
 */
export function cleanTitle(raw: string): string {
  const title = collapse(raw);
  const match = /\s[|\-–—:»·/]\s/.exec(title);
  if (match === null) return title;
  const before = title.slice(0, match.index).trim();
  const after = title.slice(match.index + match[0].length).trim();
  const longer = before.length >= after.length ? before : after;
  return longer.split(' ').length >= 3 ? longer : title;
}

/**
 * Reads the title (Open Graph, JSON-LD headline, `<title>`, first `<h1>`), the byline (meta
 * author, JSON-LD author, a byline element) and the language (`<html lang>`, Content-Language,
 * `og:locale`).
 */
export function extractMetadata(
  doc: Document,
  scan: PageScan,
  jsonLd: JsonLdArticle,
): PageMetadata {
  const meta = readMetaTags(scan);
  const title =
    meta.get('og:title') ??
    meta.get('twitter:title') ??
    jsonLd.headline ??
    cleanTitle(scan.title?.textContent ?? '');
  const metadata: PageMetadata = {
    title: collapse(title !== '' ? title : (scan.firstH1?.textContent ?? '')),
  };

  const byline =
    meta.get('author') ?? meta.get('article:author') ?? jsonLd.author ?? bylineOf(scan);
  if (byline !== undefined && !/^https?:/.test(byline)) metadata.byline = collapse(byline);

  const lang =
    doc.documentElement?.getAttribute('lang')?.trim() ||
    meta.get('content-language')?.split(',')[0]?.trim() ||
    meta.get('og:locale')?.replace('_', '-');
  if (lang !== undefined && lang !== '') metadata.lang = lang;
  return metadata;
}

/** Non-empty `<meta>` contents by lower-case name, property or http-equiv (first one wins). */
function readMetaTags(scan: PageScan): Map<string, string> {
  const tags = new Map<string, string>();
  for (const element of scan.metas) {
    const key =
      element.getAttribute('property') ??
      element.getAttribute('name') ??
      element.getAttribute('http-equiv');
    const content = element.getAttribute('content')?.trim();
    if (key === null || content === undefined || content === '') continue;
    const name = key.toLowerCase();
    if (!tags.has(name)) tags.set(name, content);
  }
  return tags;
}

function bylineOf(scan: PageScan): string | undefined {
  const text = collapse(scan.author?.textContent ?? '');
  return text !== '' && text.length < 120 ? text.replace(/^by\s+/i, '') : undefined;
}
