import { extractContent } from '@plaza/extract';
import { DOMParser } from 'linkedom';

/**
 * Extracts a page the way the extension does (`@plaza/extract` on an inert document; linkedom
 * stands in for the offscreen document's `DOMParser`).
 *
 * @example
 * const { title, text, links } = extractHtml(page.body, url);
 */
export function extractHtml(html: string, url: string, mode: 'article' | 'full-text' = 'article') {
  const doc = new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return extractContent(doc, { url, mode });
}
