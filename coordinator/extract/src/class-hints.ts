// What an element's class, id, role and itemprop say about it. The word lists follow the
// published heuristics of Readability and trafilatura (positive: article/body/content…; negative:
// comment/share/related…), matched on whole words of the attribute so that `shadow` or `header`
// inside an unrelated word does not count.

/** Words (whole, or as prefixes of a longer word) that mark boilerplate. */
const BOILERPLATE_WORDS = [
  'comment',
  'disqus',
  'respond',
  'repl',
  'share',
  'sharing',
  'sharer',
  'social',
  'sociable',
  'follow',
  'related',
  'recommend',
  'recirc',
  'popular',
  'trending',
  'mostread',
  'newsletter',
  'subscri',
  'signup',
  'promo',
  'advert',
  'sponsor',
  'outbrain',
  'taboola',
  'byline',
  'author',
  'dateline',
  'timestamp',
  'breadcrumb',
  'caption',
  'credit',
  'cookie',
  'consent',
  'gdpr',
  'banner',
  'modal',
  'popup',
  'toolbar',
  'pagination',
  'pager',
  'navigation',
  'navbar',
  'menu',
  'footer',
  'masthead',
  'sidebar',
  'widget',
  'readmore',
  'seealso',
  'tags',
  'keywords',
  'skiplink',
  'print',
  'rating',
  'paywall',
  'overlay',
];

/** Two-word names of boilerplate, as in `read-more` or `mostPopular`. */
const BOILERPLATE_PAIRS =
  /\b(?:read (?:more|next|also)|see also|also read|most (?:read|popular|viewed|shared)|more (?:stories|from|news|articles|videos))\b/;

/** Words of widgets that stay hidden until hovered or clicked (tooltips, hover cards). */
const POPUP_WORDS = ['rollover', 'tooltip', 'popover', 'hovercard', 'dropdown', 'flyout'];

/** Words (or prefixes) of comment threads and forms. */
const COMMENT_WORDS = ['comment', 'disqus', 'respond', 'repl'];

/** Short words that mark boilerplate only when they are a whole word. */
const BOILERPLATE_EXACT = new Set([
  'ad',
  'ads',
  'adv',
  'adslot',
  'dfp',
  'nav',
  'tag',
  'topics',
  'date',
  'time',
  'meta',
  'rail',
  'tools',
  'header',
  'hdr',
  'aside',
  'byl',
  'share',
]);

/** Class names that hide an element (utility classes of CSS frameworks, screen-reader text). */
const HIDDEN_CLASS =
  /(?:^|\s)(?:hidden|is-hidden|d-none|hide|invisible|visually-?hidden|sr-only|screen-reader-(?:text|only)|offscreen)(?:$|\s)/i;

/** Words of embedded posts (tweets, Instagram…): content even when also called "social". */
const EMBED_WORDS = ['embed', 'tweet', 'instagram'];

/** The words an embedded post may carry without being a share bar or a sidebar widget. */
const SOCIAL_WORDS: ReadonlySet<string> = new Set([
  'social',
  'share',
  'sharing',
  'follow',
  'media',
  'widget',
]);

/** Words that mark the main content. */
const POSITIVE_WORDS = [
  'article',
  'body',
  'content',
  'entry',
  'hentry',
  'main',
  'post',
  'text',
  'blog',
  'story',
];

/** Words that speak against a content container (milder than boilerplate). */
const NEGATIVE_WORDS = [
  'combx',
  'contact',
  'masthead',
  'media',
  'scroll',
  'shopping',
  'shoutbox',
  'skyscraper',
  'teaser',
  'card',
  'list',
  'feed',
];

/** What the class/id/role of one element suggest. */
export interface ClassHints {
  /** Readability-style weight: +25 for a content word, −25 for a boilerplate word. */
  weight: number;
  /** The element looks like boilerplate (comments, share bar, related links, byline…). */
  isBoilerplate: boolean;
  /** The element is explicitly the article body (itemprop=articleBody or a body class). */
  isArticleBody: boolean;
  /** The element is hidden by class, or a tooltip or hover card shown only on hover. */
  isPopup: boolean;
  /** The element is a comment thread or form: never the article, however long. */
  isComments: boolean;
}

const NONE: ClassHints = {
  weight: 0,
  isBoilerplate: false,
  isArticleBody: false,
  isPopup: false,
  isComments: false,
};

/** Splits `class`/`id` values into lower-case words: `shareBar post-content_x` → share bar post content x. */
export function splitWords(value: string): string[] {
  return splitTokens(value.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

/**
 * Splits `class`/`id` values at separators only: `tagStyle_x2 ad-slot` → tagstyle x2 ad slot.
 * Short exact words are matched against these, so `tag` inside a generated `tagStyle_…` class
 * (on every paragraph of some sites) is not a tag list.
 */
export function splitTokens(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

function hasPrefixWord(words: readonly string[], list: readonly string[]): boolean {
  for (const word of words) {
    for (const prefix of list) if (word.startsWith(prefix)) return true;
  }
  return false;
}

const ARTICLE_BODY_CLASS =
  /(?:^|[\s_-])(?:article|story|post|entry|main|blog)[_-]?(?:body|content|text)(?:$|[\s_-])|(?:^|\s)(?:articlebody|storybody|postbody|entry-content|post-content|article-content|content-body|rich-text|body-copy)(?:$|\s)/i;

/** Class names that carry a post's taxonomy rather than the element's role. */
const TAXONOMY_CLASS =
  /(?:^|\s)(?:tag|tags|category|categories|cat|topic|term|format|post-format|type|status)-\S*/gi;

/** Microformats' and blog engines' name for one post: the article itself. */
const ENTRY_CLASS = /(?:^|\s)h?-?entry(?:$|\s)|(?:^|\s)hentry(?:$|\s)/;

/**
 * Reads the hints of one element from its `class`, `id`, `role` and `itemprop`.
 *
 * @example classHints(el) // { weight: -25, isBoilerplate: true, isArticleBody: false } for `class="share-bar"`
 */
export function classHints(element: Element): ClassHints {
  const cls = element.getAttribute('class') ?? '';
  const id = element.getAttribute('id') ?? '';
  const role = element.getAttribute('role');
  const itemprop = element.getAttribute('itemprop');
  if (cls === '' && id === '' && role === null && itemprop === null) return NONE;

  if (itemprop !== null && /\barticleBody\b|\btext\b/.test(itemprop)) {
    return {
      weight: 25,
      isArticleBody: itemprop.includes('articleBody'),
      isBoilerplate: false,
      isPopup: false,
      isComments: false,
    };
  }
  // Blog engines list the post's taxonomy in its classes (`tag-social-media`, `category-ads`):
  // words about the post, not about the element.
  const ownClasses = cls.replace(TAXONOMY_CLASS, ' ');
  const isArticleBody =
    ARTICLE_BODY_CLASS.test(ownClasses) || ARTICLE_BODY_CLASS.test(id) || ENTRY_CLASS.test(cls);
  const allWords = splitWords(`${ownClasses} ${id}`);
  const isPopup = hasPrefixWord(allWords, POPUP_WORDS) || HIDDEN_CLASS.test(cls);
  const isEmbed = hasPrefixWord(allWords, EMBED_WORDS);
  const words = isEmbed ? allWords.filter((word) => !SOCIAL_WORDS.has(word)) : allWords;
  const tokens = splitTokens(`${ownClasses} ${id}`).filter(
    (word) => !isEmbed || !SOCIAL_WORDS.has(word),
  );
  const isBoilerplate =
    isPopup ||
    (!isArticleBody &&
      (hasPrefixWord(words, BOILERPLATE_WORDS) ||
        tokens.some((word) => BOILERPLATE_EXACT.has(word)) ||
        BOILERPLATE_PAIRS.test(words.join(' ')) ||
        role === 'navigation' ||
        role === 'complementary' ||
        role === 'contentinfo' ||
        role === 'banner' ||
        role === 'dialog' ||
        role === 'alert'));
  // A boilerplate word is the more specific one: "article-comments" is comments.
  if (isBoilerplate) {
    const isComments = hasPrefixWord(words, COMMENT_WORDS);
    return { weight: -25, isBoilerplate, isArticleBody, isPopup, isComments };
  }
  let weight = 0;
  if (isArticleBody || hasPrefixWord(words, POSITIVE_WORDS) || role === 'main') weight += 25;
  if (hasPrefixWord(words, NEGATIVE_WORDS)) weight -= 25;
  return { weight, isBoilerplate, isArticleBody, isPopup, isComments: false };
}
