// Tag categories the extractor walks by. Lower-case names, as `localName` gives them for HTML.

/** Elements whose subtree is never text: code, styles, media, embedded documents, form controls. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'svg',
  'math',
  'canvas',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'video',
  'audio',
  'source',
  'track',
  'picture',
  'img',
  'map',
  'area',
  'button',
  'input',
  'select',
  'option',
  'optgroup',
  'datalist',
  'textarea',
  'output',
  'progress',
  'meter',
  'dialog',
  'slot',
]);

/** Elements that are page chrome rather than content: dropped in both modes. */
export const CHROME_TAGS: ReadonlySet<string> = new Set(['nav', 'footer', 'menu']);

/** Elements dropped from an article (but kept in full-text mode). */
export const ARTICLE_CHROME_TAGS: ReadonlySet<string> = new Set([
  'figcaption',
  'fieldset',
  'label',
  'legend',
  'address',
]);

/**
 * Elements that are usually around an article rather than in it (a title block, a sidebar), but
 * on some pages hold it: in article mode they are boilerplate-like containers, whose paragraphs
 * vote only when they hold most of the text and which pruning drops when small.
 */
export const ARTICLE_SIDE_TAGS: ReadonlySet<string> = new Set(['header', 'aside']);

/** Elements that start a new line or paragraph when rendered. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'ul',
]);

/** Headings, which are content inside an article but never paragraphs of their own score. */
export const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Starting score by tag, as Readability weighs container kinds. */
export function tagWeight(tag: string): number {
  switch (tag) {
    case 'div':
    case 'article':
    case 'main':
    case 'section':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

/**
 * The page's outer elements: content is never chosen above them. The tree is built from `<html>`
 * (a malformed page may hold content beside or outside `<body>`), so both count.
 */
export const PAGE_ROOT_TAGS: ReadonlySet<string> = new Set(['html', 'body']);
