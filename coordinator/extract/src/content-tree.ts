import { type ClassHints, classHints } from './class-hints.ts';
import {
  ARTICLE_CHROME_TAGS,
  ARTICLE_SIDE_TAGS,
  BLOCK_TAGS,
  CHROME_TAGS,
  SKIPPED_TAGS,
} from './tag-sets.ts';

/**
 * One visible element of the page with the text statistics the extractor scores by. The tree is
 * built in one walk of the DOM; scoring, pruning and rendering never touch the DOM again.
 */
export interface ContentNode {
  readonly element: Element;
  /** Lower-case tag name. */
  readonly tag: string;
  readonly parent: ContentNode | undefined;
  /** Children in document order: collapsed text runs (`'\n'` for `<br>`) and element nodes. */
  readonly items: (string | ContentNode)[];
  /** The element children (the `ContentNode` members of `items`). */
  readonly children: ContentNode[];
  /** Starts a new line or paragraph when rendered. */
  readonly isBlock: boolean;
  /** Inside `<pre>`: whitespace is kept. */
  readonly isPre: boolean;
  readonly hints: ClassHints;
  /** Visible characters in the subtree. */
  textLength: number;
  /** Characters of the subtree inside links. */
  linkLength: number;
  /** Characters of inline text that belong to this block (not to a nested block). */
  ownTextLength: number;
  /** Characters of `ownTextLength` inside links. */
  ownLinkLength: number;
  /** Commas in the own inline text, a sign of sentences. */
  ownCommas: number;
  /** Images (`<img>`, `<picture>`) in the subtree. */
  imageCount: number;
  /** The subtree holds an `<article>`, `<main>` or a declared article body. */
  hasArticle: boolean;
  /** The subtree holds a declared article body (`itemprop="articleBody"`, `article-body`…). */
  hasArticleBody: boolean;
  /** Content score (set by scoring): paragraph scores spread up with decay. */
  score: number;
  /** Sum of the paragraph scores of the whole subtree, undecayed (set by scoring). */
  contentSum: number;
  /** Dropped by pruning: rendered as nothing. */
  isRemoved: boolean;
}

/** How much of the page the tree keeps. */
export interface BuildTreeOptions {
  /**
   * `article` also leaves out captions, addresses and form labels, and takes headers and asides
   * for boilerplate unless they hold most of the page.
   */
  mode: 'article' | 'full-text';
}

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * Elements nested deeper than this are left out, which bounds the recursion on hostile pages
 * (browsers' HTML parsers stop nesting at 512 too).
 */
export const MAX_TREE_DEPTH = 512;

/** Reports whether the element is hidden by attribute or inline style (what a reader cannot see). */
export function isHidden(element: Element): boolean {
  if (element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/**
 * Builds the content tree of a page or of one element: drops scripts, styles, media, form
 * controls, hidden elements and page chrome, collapses whitespace (except in `<pre>`) and sums
 * text and link lengths bottom-up.
 *
 * Given the document, the root is the page itself (tagged `body`) and every node of the document
 * is walked, with `<html>` and `<body>` elements transparent and `<head>` left out: content lands
 * under the root wherever the parser put it. Browsers move stray content into `<body>`; linkedom
 * leaves it beside `<body>` (a `<div>` or `<meta>` between `<head>` and `<body>`, a nested
 * `<html>`), before `<html>` (text), or makes it the document element, and then answers an empty
 * `document.body`. Walking the document gives both the same tree.
 */
export function buildContentTree(root: Element | Document, options: BuildTreeOptions): ContentNode {
  const isArticle = options.mode === 'article';
  if (root.nodeType === 9) {
    const element = (root as Document).documentElement;
    const node = makeNode(element, undefined, false, false, 'body');
    fill(node, root, isArticle, false, 0);
    return node;
  }
  const node = makeNode(root as Element, undefined, false, false);
  fill(node, root, isArticle, false, 0);
  return node;
}

/** Elements whose children count as the page's own when the whole document is walked. */
const TRANSPARENT_TAGS: ReadonlySet<string> = new Set(['html', 'body']);

function makeNode(
  element: Element,
  parent: ContentNode | undefined,
  isPre: boolean,
  isArticle: boolean,
  pageRoot?: 'body',
): ContentNode {
  const tag = pageRoot ?? element.localName.toLowerCase();
  let hints = pageRoot === undefined ? classHints(element) : NO_HINTS;
  if (isArticle && ARTICLE_SIDE_TAGS.has(tag) && !hints.isArticleBody && !hints.isBoilerplate) {
    hints = { ...hints, weight: -25, isBoilerplate: true };
  }
  return {
    element,
    tag,
    parent,
    items: [],
    children: [],
    isBlock: BLOCK_TAGS.has(tag),
    isPre: isPre || tag === 'pre',
    hints,
    textLength: 0,
    linkLength: 0,
    ownTextLength: 0,
    ownLinkLength: 0,
    ownCommas: 0,
    imageCount: 0,
    hasArticle: tag === 'article' || tag === 'main' || hints.isArticleBody,
    hasArticleBody: hints.isArticleBody,
    score: 0,
    contentSum: 0,
    isRemoved: false,
  };
}

const NO_HINTS: ClassHints = {
  weight: 0,
  isBoilerplate: false,
  isArticleBody: false,
  isPopup: false,
  isComments: false,
};

function fill(
  node: ContentNode,
  source: Node,
  isArticle: boolean,
  isInLink: boolean,
  depth: number,
): void {
  const inLink = isInLink || node.tag === 'a';
  for (let child = firstChildOf(source); child != null; child = nextOf(child, source)) {
    const type = child.nodeType;
    if (type === 3 || type === 4) {
      addText(node, (child as CharacterData).data, inLink);
      continue;
    }
    if (type !== 1) continue;
    const element = child as Element;
    const tag = element.localName.toLowerCase();
    if (tag === 'br') {
      node.items.push('\n');
      continue;
    }
    if (node.parent === undefined && node.tag === 'body' && TRANSPARENT_TAGS.has(tag)) {
      fill(node, element, isArticle, inLink, depth);
      continue;
    }
    if (SKIPPED_TAGS.has(tag) || CHROME_TAGS.has(tag)) {
      if (tag === 'img' || tag === 'picture') node.imageCount++;
      continue;
    }
    if (isArticle && ARTICLE_CHROME_TAGS.has(tag)) continue;
    if (isHidden(element) || depth >= MAX_TREE_DEPTH) continue;
    const childNode = makeNode(element, node, node.isPre, isArticle);
    fill(childNode, element, isArticle, inLink, depth + 1);
    addChild(node, childNode);
  }
}

/**
 * The first child of a node. linkedom's doctype has no `nextSibling`, so a document's children are
 * reached through `childNodes` (a document has a handful).
 */
export function firstChildOf(parent: Node): Node | null {
  return parent.nodeType === 9 ? (parent.childNodes[0] ?? null) : parent.firstChild;
}

/**
 * The next sibling of a child of `parent`, through `childNodes` for a document's children (a
 * linkedom doctype knows neither its next sibling nor its parent).
 */
export function nextOf(node: Node, parent: Node): Node | null {
  if (parent.nodeType !== 9) return node.nextSibling;
  const siblings = parent.childNodes;
  for (let i = 0; i < siblings.length - 1; i++) if (siblings[i] === node) return siblings[i + 1]!;
  return null;
}

function addText(node: ContentNode, raw: string, inLink: boolean): void {
  const text = node.isPre ? raw : raw.replace(/\s+/g, ' ');
  if (text.length === 0) return;
  node.items.push(text);
  const length = text === ' ' ? 0 : text.length;
  node.textLength += length;
  node.ownTextLength += length;
  node.ownCommas += countCommas(text);
  if (inLink) {
    node.linkLength += length;
    node.ownLinkLength += length;
  }
}

function addChild(node: ContentNode, childNode: ContentNode): void {
  node.imageCount += childNode.imageCount;
  if (childNode.hasArticle) node.hasArticle = true;
  if (childNode.hasArticleBody) node.hasArticleBody = true;
  if (childNode.textLength === 0 && childNode.tag !== 'hr') return;
  node.items.push(childNode);
  node.children.push(childNode);
  node.textLength += childNode.textLength;
  node.linkLength += childNode.linkLength;
  if (!childNode.isBlock) {
    node.ownTextLength += childNode.ownTextLength;
    node.ownLinkLength += childNode.ownLinkLength;
    node.ownCommas += childNode.ownCommas;
  }
}

function countCommas(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // , ， 、 ،
    if (code === 44 || code === 0xff0c || code === 0x3001 || code === 0x060c) count++;
  }
  return count;
}

/** Calls `visit` on `node` and every descendant, parents first. */
export function forEachNode(node: ContentNode, visit: (node: ContentNode) => void): void {
  visit(node);
  for (const child of node.children) forEachNode(child, visit);
}

/** Link characters per visible character of the subtree (0 for an empty node). */
export function linkDensity(node: ContentNode): number {
  return node.textLength === 0 ? 0 : node.linkLength / node.textLength;
}
