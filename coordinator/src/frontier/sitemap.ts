import { MAX_URL_LENGTH } from '@plaza/protocol';

/** Most `<loc>` entries one sitemap may list (sitemaps.org protocol). */
export const MAX_SITEMAP_URLS = 50_000;

/** Largest uncompressed sitemap (sitemaps.org protocol), 50 MiB; the rest is not read. */
export const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

/** What {@link parseSitemap} found. */
export interface ParsedSitemap {
  /** `urlset` (pages), `sitemapindex` (more sitemaps), `text` (one URL a line), or `unknown`. */
  kind: 'urlset' | 'sitemapindex' | 'text' | 'unknown';
  /** Page URLs (from a `urlset` or a text sitemap), in order, without duplicates. */
  urls: string[];
  /** Child sitemap URLs (from a `sitemapindex`), in order, without duplicates. */
  sitemaps: string[];
  /** Entries dropped because they were not absolute http(s) URLs of at most 2,048 characters. */
  invalid: number;
  /** Whether the input passed {@link MAX_SITEMAP_BYTES} or {@link MAX_SITEMAP_URLS} and was cut. */
  truncated: boolean;
}

const ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Reads a sitemap (sitemaps.org protocol 0.9) by plain string scanning, no XML parser:
 * - `<urlset>`: every `<loc>` is a page URL; `<sitemapindex>`: every `<loc>` is a child sitemap.
 *   A namespace prefix on the root (`<sm:urlset>`) is honoured for `loc` too, while extension
 *   elements such as `<image:loc>` or `<video:content_loc>` are not page URLs and are skipped.
 * - Comments are ignored; `<![CDATA[…]]>` is unwrapped; the five XML entities and numeric
 *   character references are decoded; surrounding whitespace is trimmed.
 * - Input that does not start with `<` is a text sitemap: one URL per line.
 * - Only absolute http(s) URLs up to 2,048 characters are kept (others are counted in `invalid`);
 *   duplicates are dropped. At most {@link MAX_SITEMAP_URLS} entries are kept and only the first
 *   {@link MAX_SITEMAP_BYTES} characters are read; `truncated` says when either cut.
 *
 * Gzip must be undone by the caller, which should also cap the download at
 * {@link MAX_SITEMAP_BYTES}. Whether each URL is in the campaign's scope is for the caller too.
 *
 * @example
 * ```ts
 * parseSitemap('<urlset><url><loc>https://example.com/a?x=1&amp;y=2</loc></url></urlset>');
 * // { kind: 'urlset', urls: ['https://example.com/a?x=1&y=2'], sitemaps: [], invalid: 0,
 * //   truncated: false }
 * ```
 */
export function parseSitemap(xml: string): ParsedSitemap {
  let truncated = xml.length > MAX_SITEMAP_BYTES;
  const text = (truncated ? xml.slice(0, MAX_SITEMAP_BYTES) : xml).replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const result: ParsedSitemap = { kind: 'unknown', urls: [], sitemaps: [], invalid: 0, truncated };

  let values: Iterable<string>;
  let target: string[];
  if (trimmed !== '' && !trimmed.startsWith('<')) {
    result.kind = 'text';
    target = result.urls;
    values = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  } else {
    const body = stripComments(text);
    const root = /<(?:([A-Za-z_][\w.-]*):)?(urlset|sitemapindex)[\s>/]/.exec(body);
    if (root === null) return result;
    result.kind = root[2] === 'urlset' ? 'urlset' : 'sitemapindex';
    target = result.kind === 'urlset' ? result.urls : result.sitemaps;
    values = scanElements(body, root[1] === undefined ? 'loc' : `${root[1]}:loc`, root.index);
  }

  const seen = new Set<string>();
  for (const raw of values) {
    if (target.length >= MAX_SITEMAP_URLS) {
      truncated = true;
      break;
    }
    const url = toHttpUrl(raw.trim());
    if (url === null) {
      result.invalid++;
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    target.push(url);
  }
  result.truncated = truncated;
  return result;
}

function stripComments(xml: string): string {
  if (!xml.includes('<!--')) return xml;
  let out = '';
  let position = 0;
  for (;;) {
    const start = xml.indexOf('<!--', position);
    if (start === -1) return out + xml.slice(position);
    out += xml.slice(position, start);
    const end = xml.indexOf('-->', start + 4);
    if (end === -1) return out;
    position = end + 3;
  }
}

/** Yields the decoded text content of every `<name>…</name>` element after `from`. */
function* scanElements(xml: string, name: string, from: number): Generator<string> {
  const open = `<${name}`;
  const close = `</${name}`;
  let position = from;
  for (;;) {
    const start = xml.indexOf(open, position);
    if (start === -1) return;
    const next = xml[start + open.length];
    const tagEnd = xml.indexOf('>', start);
    if (tagEnd === -1) return;
    position = tagEnd + 1;
    // `<loc>` or `<loc attr…>`, not `<location>`, and not the self-closing `<loc/>`.
    if (next !== '>' && !/\s/.test(next ?? '')) continue;
    if (xml[tagEnd - 1] === '/') continue;
    const end = xml.indexOf(close, position);
    if (end === -1) return;
    yield decodeContent(xml.slice(position, end));
    position = end + close.length;
  }
}

function decodeContent(content: string): string {
  let out = '';
  let position = 0;
  for (;;) {
    const start = content.indexOf('<![CDATA[', position);
    if (start === -1) return out + decodeEntities(content.slice(position));
    out += decodeEntities(content.slice(position, start));
    const end = content.indexOf(']]>', start + 9);
    if (end === -1) return out + content.slice(start + 9);
    out += content.slice(start + 9, end);
    position = end + 3;
  }
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]+);/g,
    (whole, entity: string) => {
      if (entity.startsWith('#')) {
        const hex = entity[1] === 'x' || entity[1] === 'X';
        const code = Number.parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : whole;
      }
      return ENTITIES.get(entity) ?? whole;
    },
  );
}

function toHttpUrl(value: string): string | null {
  if (value === '' || value.length > MAX_URL_LENGTH) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.length > MAX_URL_LENGTH ? null : url.href;
  } catch {
    return null;
  }
}
