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
 * Builds the content tree of `root` (normally `<body>`): drops scripts, styles, media, form
 * controls, hidden elements and page chrome, collapses whitespace (except in `<pre>`) and sums
 * text and link lengths bottom-up.
 */
export function buildContentTree(root: Element, options: BuildTreeOptions): ContentNode {
  const node = makeNode(root, undefined, false, false);
  fill(node, options.mode === 'article', false, 0);
  return node;
}

function makeNode(
  element: Element,
  parent: ContentNode | undefined,
  isPre: boolean,
  isArticle: boolean,
): ContentNode {
  const tag = element.localName.toLowerCase();
  let hints = classHints(element);
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

function fill(node: ContentNode, isArticle: boolean, isInLink: boolean, depth: number): void {
  const inLink = isInLink || node.tag === 'a';
  for (let child = node.element.firstChild; child !== null; child = child.nextSibling) {
    const type = child.nodeType;
    if (type === 3 || type === 4) {
      const raw = (child as CharacterData).data;
      const text = node.isPre ? raw : raw.replace(/\s+/g, ' ');
      if (text.length === 0) continue;
      node.items.push(text);
      const length = text === ' ' ? 0 : text.length;
      node.textLength += length;
      node.ownTextLength += length;
      node.ownCommas += countCommas(text);
      if (inLink) {
        node.linkLength += length;
        node.ownLinkLength += length;
      }
      continue;
    }
    if (type !== 1) continue;
    const element = child as Element;
    const tag = element.localName.toLowerCase();
    if (tag === 'br') {
      node.items.push('\n');
      continue;
    }
    if (SKIPPED_TAGS.has(tag) || CHROME_TAGS.has(tag)) {
      if (tag === 'img' || tag === 'picture') node.imageCount++;
      continue;
    }
    if (isArticle && ARTICLE_CHROME_TAGS.has(tag)) continue;
    if (isHidden(element) || depth >= MAX_TREE_DEPTH) continue;
    const childNode = makeNode(element, node, node.isPre, isArticle);
    fill(childNode, isArticle, inLink, depth + 1);
    node.imageCount += childNode.imageCount;
    if (childNode.hasArticle) node.hasArticle = true;
    if (childNode.hasArticleBody) node.hasArticleBody = true;
    if (childNode.textLength === 0 && childNode.tag !== 'hr') continue;
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
