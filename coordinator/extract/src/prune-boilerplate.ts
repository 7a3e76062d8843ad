import { type ContentNode, linkDensity } from './content-tree.ts';
import { renderText } from './render-text.ts';
import { HEADING_TAGS } from './tag-sets.ts';

/** A boilerplate-looking block holding more than this share of the content is kept. */
const MAX_PRUNED_SHARE = 0.4;

/** Link-dense or teaser blocks holding more than this share of the content are kept. */
const MAX_LINK_BLOCK_SHARE = 0.3;

/** A short heading that announces a block of links to other pages. */
const SECTION_LABEL =
  /^(?:related|recommended|more (?:from|on|about|in|like this)\b|more\b[\p{L}\p{N}\s'’]{0,30}\b(?:stories|news|articles|reads|coverage|videos)\b|read (?:more|next|also)|also read|see also|further reading|keep reading|explore further|you (?:may|might) (?:also )?like|popular|most (?:read|popular|viewed|shared)|trending|top stories|latest (?:news|stories)|in other news|don'?t miss)/iu;

interface PruneState {
  total: number;
  titleKey: string;
  /** Set once running text was kept: a top heading before it is the title block. */
  hasText: boolean;
  removed: number;
}

/**
 * Precision-side pruning inside the selected content: marks as removed the blocks a reader would
 * not count as the article (comments, share bars, related-link lists, newsletter and promo boxes,
 * bylines, image captions, teaser grids, the repeated title), judged by class/id words, link
 * density and shape. The largest selected node itself stays. Returns the characters removed.
 */
export function pruneBoilerplate(selected: readonly ContentNode[], title = ''): number {
  const state: PruneState = { total: 0, titleKey: comparable(title), hasText: false, removed: 0 };
  let main: ContentNode | undefined;
  for (const node of selected) {
    state.total += node.textLength;
    if (main === undefined || node.textLength > main.textLength) main = node;
  }
  for (const node of selected) visit(node, node === main, state);
  return state.removed;
}

function visit(node: ContentNode, isMain: boolean, state: PruneState): void {
  if (!isMain && shouldRemove(node, state)) {
    remove(node, state);
    return;
  }
  if (node.ownTextLength >= 25 && !HEADING_TAGS.has(node.tag)) state.hasText = true;
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const next = children[i + 1];
    if (next !== undefined && isSectionLabel(child) && isLinkBlock(next, state)) {
      remove(child, state);
      remove(next, state);
      i++;
      continue;
    }
    visit(child, false, state);
  }
}

function remove(node: ContentNode, state: PruneState): void {
  node.isRemoved = true;
  state.removed += node.textLength;
}

function shouldRemove(node: ContentNode, state: PruneState): boolean {
  const share = node.textLength / state.total;
  const hints = node.hints;
  if (hints.isBoilerplate && !hints.isArticleBody && share < MAX_PRUNED_SHARE) {
    // An inline element inside running text is part of the sentence (a keyword link styled as
    // a tag stays), unless it is a tooltip or hover card the reader never sees inline.
    if (node.isBlock || hints.isPopup) return true;
    const parent = node.parent;
    return parent === undefined || node.textLength * 2 > parent.ownTextLength;
  }
  if (!node.isBlock) return false;
  if (node.tag === 'h1' && !state.hasText) return true;
  if (isTitle(node, state.titleKey)) return true;
  if (node.tag === 'figure' && node.textLength < 400) return true;
  if (share >= MAX_LINK_BLOCK_SHARE) return false;
  if (isTeaserList(node)) return true;
  // A sentence with a long link in it is still a sentence; a block of links is not.
  const density = linkDensity(node);
  const isParagraph = node.ownTextLength === node.textLength;
  return isParagraph ? density > 0.8 || (density > 0.5 && node.textLength < 60) : density > 0.5;
}

/** A heading or short line such as "More stories" or "Related". */
function isSectionLabel(node: ContentNode): boolean {
  if (node.textLength > 60 || (!node.isBlock && node.tag !== 'strong' && node.tag !== 'b')) {
    return false;
  }
  return SECTION_LABEL.test(renderText([node]));
}

/** A list or block made of links (what a section label announces). */
function isLinkBlock(node: ContentNode, state: PruneState): boolean {
  if (node.textLength / state.total >= MAX_LINK_BLOCK_SHARE) return false;
  return node.tag === 'ul' || node.tag === 'ol' || linkDensity(node) > 0.3;
}

/**
 * A list of teaser cards (related stories, popular posts): at least three children, most of them
 * a link with an image and little text.
 */
function isTeaserList(node: ContentNode): boolean {
  const children = node.children;
  if (children.length < 3 || node.imageCount < 3) return false;
  let cards = 0;
  for (const child of children) {
    if (child.linkLength > 0 && child.imageCount > 0 && child.textLength < 300) cards++;
  }
  return cards >= 3 && cards >= children.length * 0.7;
}

/** A heading or short block that repeats the page title (the title is returned on its own). */
function isTitle(node: ContentNode, titleKey: string): boolean {
  if (titleKey === '') return false;
  const length = node.textLength;
  if (length > titleKey.length * 1.5 + 10 || length < titleKey.length * 0.7) return false;
  const key = comparable(renderText([node]));
  if (key === titleKey) return true;
  return HEADING_TAGS.has(node.tag) && key.length > 20 && titleKey.includes(key);
}

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
