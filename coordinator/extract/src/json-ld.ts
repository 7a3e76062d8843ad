import type { PageScan } from './scan-page.ts';

/** What the page's JSON-LD says about its article (schema.org Article and its kinds). */
export interface JsonLdArticle {
  headline?: string;
  articleBody?: string;
  author?: string;
}

/** Largest JSON-LD script parsed; larger ones are skipped (bounds the work on hostile pages). */
const MAX_SCRIPT_LENGTH = 2_000_000;

const ARTICLE_TYPE = /Article|Posting|Report|NewsArticle|BlogPosting|WebPage|CreativeWork/;

/**
 * Reads schema.org data from `<script type="application/ld+json">` blocks (arrays and `@graph`
 * included) and returns the first article's headline, body and author names. Invalid JSON is
 * ignored: it is page data, not ours.
 */
export function readJsonLdArticle(scan: PageScan): JsonLdArticle {
  const result: JsonLdArticle = {};
  for (const script of scan.jsonLdScripts) {
    const source = script.textContent ?? '';
    if (source.length === 0 || source.length > MAX_SCRIPT_LENGTH) continue;
    let data: unknown;
    try {
      data = JSON.parse(source);
    } catch {
      continue;
    }
    for (const item of flatten(data)) {
      const type = item['@type'];
      const types = Array.isArray(type) ? type.join(' ') : String(type ?? '');
      if (!ARTICLE_TYPE.test(types)) continue;
      const body = item.articleBody ?? item.text;
      if (result.articleBody === undefined && typeof body === 'string' && body.trim() !== '') {
        result.articleBody = body;
      }
      if (result.headline === undefined && typeof item.headline === 'string') {
        result.headline = item.headline.trim();
      }
      const author = authorNames(item.author);
      if (result.author === undefined && author !== '') result.author = author;
    }
  }
  return result;
}

type JsonObject = Record<string, unknown>;

function flatten(data: unknown, depth = 0): JsonObject[] {
  if (depth > 4 || data === null || typeof data !== 'object') return [];
  if (Array.isArray(data)) return data.flatMap((item) => flatten(item, depth + 1));
  const object = data as JsonObject;
  const graph = object['@graph'];
  return graph === undefined ? [object] : [object, ...flatten(graph, depth + 1)];
}

function authorNames(author: unknown): string {
  const list = Array.isArray(author) ? author : [author];
  const names: string[] = [];
  for (const entry of list) {
    if (typeof entry === 'string' && entry.trim() !== '') names.push(entry.trim());
    else if (entry !== null && typeof entry === 'object') {
      const name = (entry as JsonObject).name;
      if (typeof name === 'string' && name.trim() !== '') names.push(name.trim());
    }
  }
  return names.join(', ');
}
