import { type ContentNode, linkDensity } from './content-tree.ts';
import { HEADING_TAGS, PAGE_ROOT_TAGS, tagWeight } from './tag-sets.ts';

/** A block container with the score it earned from the paragraphs inside it. */
export interface Candidate {
  node: ContentNode;
  /** (paragraph score + tag weight + class weight) × (1 − link density). */
  score: number;
}

/** Paragraphs shorter than this earn nothing. */
const MIN_PARAGRAPH_LENGTH = 25;

/** How far up a paragraph's score spreads (itself, then ancestors). */
const MAX_LEVELS = 5;

/**
 * Scores one paragraph-like block by its own inline text: one point, one per comma, one per 100
 * characters (at most three), scaled down by the share of that text inside links.
 */
export function paragraphScore(node: ContentNode): number {
  const length = node.ownTextLength;
  if (length < MIN_PARAGRAPH_LENGTH || HEADING_TAGS.has(node.tag)) return 0;
  const base = 1 + node.ownCommas + Math.min(Math.floor(length / 100), 3);
  return base * (1 - node.ownLinkLength / length);
}

/**
 * Spreads every paragraph's score to itself and its ancestors (full to itself and its parent,
 * half to the grandparent, 1/(3·level) above) and returns the scored containers, best first.
 * Paragraphs inside elements that look like boilerplate (comments, related links, sidebars) do
 * not vote, so a long comment thread cannot outweigh the article.
 */
export function scoreCandidates(root: ContentNode): Candidate[] {
  const touched: ContentNode[] = [];
  /** `inPost`: inside a thread's first post, where comment words describe the post itself. */
  const visit = (node: ContentNode, scope: ContentNode, isUnlikely: boolean, inPost: boolean) => {
    const unlikely =
      isUnlikely || (!(inPost && node.hints.isComments) && isUnlikelyContainer(node, scope));
    if (node.isBlock && !unlikely) {
      const score = paragraphScore(node);
      if (score > 0) spread(node, score, touched);
    }
    const childScope = node.tag === 'article' || node.tag === 'main' ? node : scope;
    const post = !isUnlikely && unlikely ? threadFirstPost(node, scope) : undefined;
    for (const child of node.children) {
      if (post !== undefined && isAncestorOrSelf(child, post)) {
        visitPath(child, post, childScope, inPost);
      } else {
        visit(child, childScope, unlikely, inPost);
      }
    }
  };
  /** Down from `node` to the thread's first post: wrappers on the way stay unlikely. */
  const visitPath = (node: ContentNode, post: ContentNode, scope: ContentNode, inPost: boolean) => {
    if (node === post) {
      visit(node, scope, false, true);
      return;
    }
    for (const child of node.children) {
      if (isAncestorOrSelf(child, post)) visitPath(child, post, scope, inPost);
      else visit(child, scope, true, inPost);
    }
  };
  visit(root, root, false, false);

  const candidates: Candidate[] = [];
  for (const node of touched) {
    const raw = node.score + tagWeight(node.tag) + node.hints.weight;
    candidates.push({ node, score: raw * (1 - linkDensity(node)) });
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates;
}

function spread(node: ContentNode, score: number, touched: ContentNode[]): void {
  let current: ContentNode | undefined = node;
  for (let level = 0; current !== undefined && level < MAX_LEVELS; level++) {
    if (current.score === 0) touched.push(current);
    const divider = level <= 1 ? 1 : level === 2 ? 2 : (level - 1) * 3;
    current.score += score / divider;
    current = current.parent;
  }
  for (let p: ContentNode | undefined = node; p !== undefined; p = p.parent) p.contentSum += score;
}

/**
 * A boilerplate-looking element (comments, related links, sidebar…). A comment thread always is,
 * unless it wraps a declared article body. Otherwise not `<body>`, nor a wrapper
 * that holds an `<article>`, `<main>` or declared article body (`class="page-ad-margins"` around
 * the whole page), nor one that holds most of the text of its scope (the enclosing `<article>`
 * or `<main>`, else the page): there the tag or the size says more than the class.
 */
export function isUnlikelyContainer(node: ContentNode, scope: ContentNode): boolean {
  const hints = node.hints;
  if (!hints.isBoilerplate || PAGE_ROOT_TAGS.has(node.tag)) return false;
  // Comment threads are often made of <article>s and outgrow the story; only a declared
  // article body inside them says otherwise.
  if (hints.isComments) return !node.hasArticleBody;
  if (node.hasArticle) return false;
  return node.textLength < scope.textLength * MAX_UNLIKELY_SHARE;
}

/** A boilerplate-looking block with more than this share of its scope's text may be the scope. */
const MAX_UNLIKELY_SHARE = 0.6;

/**
 * The first post of a forum thread whose posts sit in a comment-like container (`comments`,
 * `replies`…): the container holds most of its scope's text, and the post is the first child with
 * a paragraph's worth of text of the list of posts, found through wrappers (a child holding nearly
 * all the text), when the page has less running text outside the thread than in that post (a
 * story with comments has its own). Only that post votes; the replies after it stay comments. Undefined for anything but such a thread.
 */
export function threadFirstPost(node: ContentNode, scope: ContentNode): ContentNode | undefined {
  if (!node.hints.isComments || node.hasArticleBody) return undefined;
  if (node.textLength < scope.textLength * MAX_UNLIKELY_SHARE) return undefined;
  // Down through wrappers (the list of posts, beside a "12 replies" heading) to the posts.
  let list = node;
  for (;;) {
    const wrapper = list.children.find((c) => c.textLength >= list.textLength * WRAPPER_SHARE);
    if (wrapper === undefined || list.ownTextLength > list.textLength * 0.1) break;
    list = wrapper;
  }
  const post = list.children.find((child) => child.textLength >= MIN_POST_LENGTH);
  if (post === undefined) return undefined;
  // A forum page has little running text outside its thread; a story with comments has itself.
  const outside = plainText(scope) - plainText(node);
  return outside < plainText(post) ? post : undefined;
}

/** A child holding this share of a container's text is a wrapper around the posts. */
const WRAPPER_SHARE = 0.9;

/** A thread's first post has at least this much text (a heading such as "12 replies" is not one). */
const MIN_POST_LENGTH = 100;

/** Characters of a subtree outside links. */
function plainText(node: ContentNode): number {
  return node.textLength - node.linkLength;
}

function isAncestorOrSelf(node: ContentNode, of: ContentNode): boolean {
  for (let p: ContentNode | undefined = of; p !== undefined; p = p.parent)
    if (p === node) return true;
  return false;
}
