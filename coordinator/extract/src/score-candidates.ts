import { type ContentNode, linkDensity } from './content-tree.ts';
import { HEADING_TAGS, tagWeight } from './tag-sets.ts';

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
  const visit = (node: ContentNode, scope: ContentNode, isUnlikely: boolean): void => {
    const unlikely = isUnlikely || isUnlikelyContainer(node, scope);
    if (node.isBlock && !unlikely) {
      const score = paragraphScore(node);
      if (score > 0) spread(node, score, touched);
    }
    const childScope = node.tag === 'article' || node.tag === 'main' ? node : scope;
    for (const child of node.children) visit(child, childScope, unlikely);
  };
  visit(root, root, false);

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
  if (!hints.isBoilerplate || node.tag === 'body') return false;
  // Comment threads are often made of <article>s and outgrow the story; only a declared
  // article body inside them says otherwise.
  if (hints.isComments) return !node.hasArticleBody;
  if (node.hasArticle) return false;
  return node.textLength < scope.textLength * MAX_UNLIKELY_SHARE;
}

/** A boilerplate-looking block with more than this share of its scope's text may be the scope. */
const MAX_UNLIKELY_SHARE = 0.6;
