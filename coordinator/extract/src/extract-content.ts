import { cleanLines } from './clean-lines.ts';
import { buildContentTree, type ContentNode } from './content-tree.ts';
import { extractLinks } from './extract-links.ts';
import { extractMetadata } from './extract-metadata.ts';
import { declaredArticle, jsonLdText, largestTextBlock } from './fallback.ts';
import { type JsonLdArticle, readJsonLdArticle } from './json-ld.ts';
import { pruneBoilerplate } from './prune-boilerplate.ts';
import { renderText } from './render-text.ts';
import { scanPage } from './scan-page.ts';
import { scoreCandidates } from './score-candidates.ts';
import { selectContent } from './select-content.ts';

/** What to extract from a page. */
export interface ExtractContentOptions {
  /** The page's URL: links resolve against it (and `<base href>`). */
  url: string;
  /** `article`: the main content only. `full-text`: all visible body text but navigation. */
  mode: 'article' | 'full-text';
}

/** The text and links of one page. */
export interface ExtractedContent {
  title: string;
  /** Paragraphs separated by blank lines; list items and table rows on lines of their own. */
  text: string;
  /** Absolute http(s) links, deduplicated, without fragments, at most 1,000. */
  links: string[];
  byline?: string;
  lang?: string;
}

/** Below this many characters the main pass is taken to have missed the article. */
const MIN_ARTICLE_LENGTH = 300;

/**
 * Extracts the main content of a parsed page. Works on any W3C `Document` (the browser's
 * `DOMParser`, linkedom in Node), never runs scripts and never modifies the document.
 *
 * @example
 * const doc = new DOMParser().parseFromString(html, 'text/html');
 * const { title, text, links } = extractContent(doc, { url, mode: 'article' });
 */
export function extractContent(doc: Document, options: ExtractContentOptions): ExtractedContent {
  const scan = scanPage(doc);
  const jsonLd = readJsonLdArticle(scan);
  const metadata = extractMetadata(doc, scan, jsonLd);
  const links = extractLinks(scan, options.url);
  // The whole document, not `doc.body`: linkedom answers an empty stand-in (and writes it into
  // the document) when the element after <head> is not <body>, where a browser still finds the
  // content (see `buildContentTree`).
  let text = '';
  if (doc.documentElement !== null) {
    const tree = buildContentTree(doc, { mode: options.mode });
    text =
      options.mode === 'full-text' ? renderText([tree]) : articleText(tree, jsonLd, metadata.title);
  }
  const result: ExtractedContent = { title: metadata.title, text, links };
  if (metadata.byline !== undefined) result.byline = metadata.byline;
  if (metadata.lang !== undefined) result.lang = metadata.lang;
  return result;
}

/** The main pass (score, select, prune, render), then the fallbacks if it found too little. */
function articleText(tree: ContentNode, jsonLd: JsonLdArticle, title: string): string {
  const selected = selectContent(scoreCandidates(tree));
  pruneBoilerplate(selected, title);
  const main = cleanLines(renderText(selected));
  if (main.length >= MIN_ARTICLE_LENGTH) return main;

  let best = main;
  const consider = (candidate: string): void => {
    if (candidate.length > best.length) best = candidate;
  };
  const declared = declaredArticle(tree);
  if (declared !== undefined) consider(renderPruned(declared, title));
  if (jsonLd.articleBody !== undefined) consider(jsonLdText(jsonLd.articleBody));
  if (best.length < MIN_ARTICLE_LENGTH) {
    const largest = largestTextBlock(tree);
    if (largest !== undefined) consider(renderPruned(largest, title));
  }
  return best;
}

function renderPruned(node: ContentNode, title: string): string {
  pruneBoilerplate([node], title);
  return cleanLines(renderText([node]));
}
