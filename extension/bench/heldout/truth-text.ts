import type { Generator } from './generators.ts';

/** Elements that are never text (code, styles, media, form controls). */
const NO_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'button',
  'select',
  'textarea',
  'input',
  'img',
  'picture',
  'video',
  'audio',
  'iframe',
  'object',
  'canvas',
  'head',
]);

/** Elements that start a new line. */
const BLOCKS = new Set([
  'p',
  'div',
  'pre',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'main',
  'br',
  'hr',
  'figure',
  'figcaption',
  'details',
  'summary',
  'body',
]);

/**
 * The ground truth of one page: the text of the generator's content element, without the
 * navigation it nests there, rendered apart from `@plaza/extract` (a plain walk: no text from
 * scripts, styles, SVG and form controls; a line per block). Also the share of it inside links.
 * Undefined when the page has no content element.
 */
export function truthText(
  doc: Document,
  generator: Generator,
): { text: string; linkShare: number } | undefined {
  const root = doc.querySelector(generator.root);
  if (root === null) return undefined;
  const removed = new Set<Element>();
  for (const selector of generator.remove) {
    for (const element of root.querySelectorAll(selector)) removed.add(element);
  }
  const parts: string[] = [];
  let linkChars = 0;
  let chars = 0;
  const walk = (node: Node, inLink: boolean): void => {
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const text = (child as Text).data;
        parts.push(text);
        const visible = text.replace(/\s+/g, '').length;
        chars += visible;
        if (inLink) linkChars += visible;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const tag = element.localName.toLowerCase();
      if (NO_TEXT.has(tag) || removed.has(element) || element.hasAttribute('hidden')) continue;
      const isBlock = BLOCKS.has(tag);
      if (isBlock) parts.push('\n');
      walk(element, inLink || tag === 'a');
      if (isBlock) parts.push('\n');
    }
  };
  walk(root, false);
  const text = parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
  return { text, linkShare: chars === 0 ? 0 : linkChars / chars };
}
