import { type ContentNode, forEachNode } from './content-tree.ts';

/**
 * The container a page declares as its article: `itemprop="articleBody"` or a body class
 * (`article-body`, `entry-content`…) first, else the `<article>` with the most text.
 */
export function declaredArticle(root: ContentNode): ContentNode | undefined {
  let declared: ContentNode | undefined;
  let article: ContentNode | undefined;
  forEachNode(root, (node) => {
    if (node.hints.isArticleBody && (declared === undefined || isBetter(node, declared))) {
      declared = node;
    }
    if (node.tag === 'article' && (article === undefined || isBetter(node, article))) {
      article = node;
    }
  });
  return declared ?? article;
}

function isBetter(node: ContentNode, than: ContentNode): boolean {
  return contentLength(node) > contentLength(than);
}

function contentLength(node: ContentNode): number {
  return node.textLength - node.linkLength;
}

/**
 * The largest block of running text: from the root, step into the child holding most of the
 * non-link text while it holds at least 70% of it; the deepest such block.
 */
export function largestTextBlock(root: ContentNode): ContentNode | undefined {
  let node = root;
  for (;;) {
    let best: ContentNode | undefined;
    for (const child of node.children) {
      if (best === undefined || contentLength(child) > contentLength(best)) best = child;
    }
    if (best === undefined || contentLength(best) < 0.7 * contentLength(node)) break;
    node = best;
  }
  return node === root || contentLength(node) === 0 ? undefined : node;
}

/** Turns a JSON-LD `articleBody` (plain text, sometimes with markup or entities) into text. */
export function jsonLdText(body: string): string {
  return body
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:p|div|h\d|li|blockquote)>/gi, '\n\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .split(/\n{2,}/)
    .map((paragraph) =>
      paragraph
        .replace(/[ \t\r\f\v]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .trim(),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
