import { type ContentNode, linkDensity } from './content-tree.ts';
import type { Candidate } from './score-candidates.ts';
import { PAGE_ROOT_TAGS } from './tag-sets.ts';

/** How many of the best candidates may pull the choice up to a shared ancestor. */
const TOP_CANDIDATES = 5;

/**
 * Picks the main-content container from the scored candidates and returns it together with the
 * siblings that belong to the same article (document order). Empty when nothing scored.
 *
 * 1. The best candidate, moved up to the ancestor it shares with other strong candidates (an
 *    article split into several blocks by ads or images).
 * 2. Moved up again while the parent scores at least as well, and through wrappers that hold
 *    nothing else.
 * 3. Siblings join it when they score close to it (or share its class), when they hold at least
 *    a quarter of its paragraph score with few links (the rest of an article split into
 *    sections), or when they are clean text paragraphs.
 */
export function selectContent(candidates: readonly Candidate[]): ContentNode[] {
  const best = candidates[0];
  if (best === undefined) return [];
  const scores = new Map<ContentNode, number>();
  for (const candidate of candidates) scores.set(candidate.node, candidate.score);

  let top = sharedAncestor(best, candidates);
  top = climbParents(top, scores);
  while (
    top.parent !== undefined &&
    !PAGE_ROOT_TAGS.has(top.parent.tag) &&
    top.parent.children.length === 1
  ) {
    top = top.parent;
  }
  return mergeSiblings(top, scores);
}

function sharedAncestor(best: Candidate, candidates: readonly Candidate[]): ContentNode {
  const bestAncestors = ancestorsOf(best.node);
  // Only separate blocks count: a candidate inside or around the best one is the same block.
  const strong = candidates
    .slice(1, TOP_CANDIDATES)
    .filter((c) => c.score >= best.score * 0.75 && !bestAncestors.has(c.node))
    .map((c) => ancestorsOf(c.node))
    .filter((ancestors) => !ancestors.has(best.node));
  if (strong.length < 2) return best.node;
  let parent = best.node.parent;
  while (parent !== undefined && !PAGE_ROOT_TAGS.has(parent.tag)) {
    let containing = 0;
    for (const ancestors of strong) if (ancestors.has(parent)) containing++;
    if (containing >= 2) return parent;
    parent = parent.parent;
  }
  return best.node;
}

function ancestorsOf(node: ContentNode): Set<ContentNode> {
  const set = new Set<ContentNode>();
  for (let p = node.parent; p !== undefined; p = p.parent) set.add(p);
  return set;
}

function climbParents(node: ContentNode, scores: ReadonlyMap<ContentNode, number>): ContentNode {
  let top = node;
  let lastScore = scores.get(top) ?? 0;
  const threshold = lastScore / 3;
  let parent = top.parent;
  while (parent !== undefined && !PAGE_ROOT_TAGS.has(parent.tag)) {
    const parentScore = scores.get(parent);
    if (parentScore === undefined) {
      parent = parent.parent;
      continue;
    }
    if (parentScore < threshold) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
    parent = parent.parent;
  }
  return top;
}

function mergeSiblings(top: ContentNode, scores: ReadonlyMap<ContentNode, number>): ContentNode[] {
  const parent = top.parent;
  if (parent === undefined) return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.element.getAttribute('class') ?? '';
  const selected: ContentNode[] = [];
  for (const sibling of parent.children) {
    if (sibling === top) {
      selected.push(sibling);
      continue;
    }
    if (sibling.hints.isBoilerplate) continue;
    let bonus = 0;
    if (topClass !== '' && sibling.element.getAttribute('class') === topClass) {
      bonus = topScore * 0.2;
    }
    const score = scores.get(sibling);
    if (score !== undefined && score + bonus >= threshold) {
      selected.push(sibling);
      continue;
    }
    // The rest of an article split into sections: a good share of the text-paragraph score.
    if (sibling.contentSum >= Math.max(3, top.contentSum * 0.25) && linkDensity(sibling) < 0.3) {
      selected.push(sibling);
      continue;
    }
    const paragraph = soleParagraph(sibling);
    if (paragraph !== undefined) {
      const density = linkDensity(paragraph);
      const length = paragraph.textLength;
      if (length > 80 && density < 0.25) selected.push(sibling);
      else if (length > 0 && length <= 80 && density === 0 && endsSentence(paragraph)) {
        selected.push(sibling);
      }
    }
  }
  return selected;
}

/**
 * The paragraph a block amounts to: a `<p>` or a block of inline text, possibly inside wrappers
 * that hold nothing else.
 */
function soleParagraph(node: ContentNode): ContentNode | undefined {
  let current = node;
  for (;;) {
    if (current.tag === 'p' || (current.isBlock && current.ownTextLength === current.textLength)) {
      return current;
    }
    const only = current.children[0];
    if (current.children.length !== 1 || only === undefined || current.ownTextLength > 0) {
      return undefined;
    }
    current = only;
  }
}

function endsSentence(node: ContentNode): boolean {
  for (let i = node.items.length - 1; i >= 0; i--) {
    const item = node.items[i];
    if (typeof item !== 'string') return false;
    const trimmed = item.trimEnd();
    if (trimmed.length > 0) return /[.!?。！？]["'”’)]?$/.test(trimmed);
  }
  return false;
}
