import { firstChildOf, nextOf } from './content-tree.ts';
/**
 * The elements the extractor reads outside the content tree, gathered in one walk of the
 * document (selector engines such as linkedom's cost more than a walk for each query).
 */
export interface PageScan {
  /** `<meta>` elements with a `content` attribute. */
  metas: Element[];
  /** `<script type="application/ld+json">` elements. */
  jsonLdScripts: Element[];
  /** `<a>` and `<area>` elements with an `href`. */
  anchors: Element[];
  /** The `href` of the first `<base href>`. */
  baseHref?: string;
  /** The first `<title>` (outside SVG). */
  title?: Element;
  /** The first `<h1>`. */
  firstH1?: Element;
  /** The first element marked as the author: `rel="author"`, `itemprop="author"`, class `byline`/`author`. */
  author?: Element;
}

const AUTHOR_CLASS = /(?:^|\s)(?:byline|author)(?:$|\s)/i;

/**
 * Walks the whole document once and collects metas, JSON-LD scripts, links, the base URL, the
 * title, the first heading and the author element.
 */
export function scanPage(doc: Document): PageScan {
  const scan: PageScan = { metas: [], jsonLdScripts: [], anchors: [] };
  // From the document, not its element: linkedom may leave elements beside `<html>`.
  visit(doc, scan, false, 0);
  return scan;
}

/** Deeper elements are not visited (bounds the recursion, as the content tree does). */
const MAX_SCAN_DEPTH = 512;

function visit(parent: ParentNode, scan: PageScan, isInSvg: boolean, depth: number): void {
  if (depth >= MAX_SCAN_DEPTH) return;
  for (let node = firstChildOf(parent); node != null; node = nextOf(node, parent)) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const tag = element.localName.toLowerCase();
    switch (tag) {
      case 'a':
      case 'area':
        if (element.hasAttribute('href')) scan.anchors.push(element);
        break;
      case 'meta':
        if (element.hasAttribute('content')) scan.metas.push(element);
        continue;
      case 'script':
        if (element.getAttribute('type')?.trim().toLowerCase() === 'application/ld+json') {
          scan.jsonLdScripts.push(element);
        }
        continue;
      case 'style':
      case 'template':
        continue;
      case 'base':
        if (scan.baseHref === undefined) {
          const href = element.getAttribute('href');
          if (href !== null) scan.baseHref = href;
        }
        continue;
      case 'title':
        if (scan.title === undefined && !isInSvg) scan.title = element;
        continue;
      case 'h1':
        if (scan.firstH1 === undefined) scan.firstH1 = element;
        break;
    }
    if (scan.author === undefined && isAuthor(element)) scan.author = element;
    if (element.firstChild !== null) visit(element, scan, isInSvg || tag === 'svg', depth + 1);
  }
}

function isAuthor(element: Element): boolean {
  const cls = element.getAttribute('class');
  if (cls !== null && AUTHOR_CLASS.test(cls)) return true;
  return element.getAttribute('rel') === 'author' || element.getAttribute('itemprop') === 'author';
}
