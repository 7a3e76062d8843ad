import { seededRandom, shuffled } from '@plaza/test-kit/random';
import { type FixtureResponse, type FixtureSite, html } from './fixture-internet.ts';
import { articlePage, FORBIDDEN_URLS, trapSite } from './fixture-sites.ts';
import { generateArticle, nearDuplicateOf, reformatArticle } from './generate-article.ts';
import { SPAM_KINDS, type SpamKind, spamPage } from './generate-spam-page.ts';

/** What a page of the fixture web is, so a spec knows what the coordinator must make of it. */
export type WebPageKind =
  /** A host's front page: a list of links (too little prose to pass the quality floor). */
  | 'index'
  /** An article nobody else serves. */
  | 'unique'
  /** An article that another page copies (exactly, or with a light edit). */
  | 'original'
  /** The same article as its group's original: identical, or in another case and layout. */
  | 'copy'
  /** An edit of its group's original with 5-word-shingle Jaccard ≈ 0.92. */
  | 'near'
  /** Keyword stuffing, boilerplate or a near-empty page. */
  | 'spam'
  /** A page of the trap host: redirects to private addresses, endless or huge bodies, a PDF. */
  | 'trap';

/** One URL of the fixture web. */
export interface WebPage {
  url: string;
  host: string;
  kind: WebPageKind;
  /** Article pages: pages of one group carry one article (copies) or an edit of it (near). */
  group?: number;
  spam?: SpamKind;
}

/** Options of {@link generateFullLoopWeb}. */
export interface GenerateFullLoopWebOptions {
  /** Hosts serving articles (`news-01.example.com` …). */
  articleHosts: number;
  /** Hosts serving spam (`spam-1.example.net` …). */
  spamHosts: number;
  /** Articles with no copy anywhere. */
  unique: number;
  /** Groups of three pages: an original, an identical copy, a copy in another case and layout. */
  copyGroups: number;
  /** Pairs of an original and a near-duplicate edit of it. */
  nearPairs: number;
  /** Spam pages, spread over the spam hosts, cycling through {@link SPAM_KINDS}. */
  spamPages: number;
  /** Approximate characters of each article. @default 2000 */
  chars?: number;
  /** @default 1 */
  seed?: number;
}

/** The fixture web of the full-loop spec, and what a correct system makes of it. */
export interface FullLoopWeb {
  sites: FixtureSite[];
  /** Every host's front page (the campaign's seeds). */
  seeds: string[];
  hosts: string[];
  /** Every URL a device may fetch, by URL. */
  pages: Map<string, WebPage>;
  /**
   * Links the pages carry that no device may ever request (private and loopback addresses,
   * credentials in the URL, other schemes and ports, special-use names); the coordinator refuses
   * them before they enter the frontier.
   */
  forbiddenLinks: string[];
  expected: {
    /** Distinct articles: the rows above the quality floor. */
    articles: number;
    /** Pages that repeat an earlier article exactly (after normalization): `duplicate`. */
    exactDuplicates: number;
    /** Pages that are edits of another article: `near_duplicate`. */
    nearDuplicates: number;
  };
}

/** Forbidden links beyond {@link FORBIDDEN_URLS}: credentials, CGNAT, unique-local, internal names. */
export const MORE_FORBIDDEN_LINKS = [
  'http://user:secret@news-01.example.com/account',
  'http://admin:admin@192.168.0.1/',
  'https://token@example.com/private',
  'http://100.64.0.1/',
  'http://[fd00::1]/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://router.home.arpa/',
  'ftp://files.example.com/dump.sql',
  'javascript:alert(1)',
] as const;

/**
 * A deterministic web of about two hundred pages for the full-loop spec: article hosts whose
 * pages include exact duplicates (identical, and reformatted) and near-duplicates of one another
 * across hosts, spam hosts of keyword stuffing, boilerplate and near-empty pages, and the trap
 * host (redirects to private addresses, an endless and a huge body, a slow body, a PDF). Every
 * front page also links to URLs no device may request, and every article embeds a script and a
 * pixel on private addresses that must never load.
 *
 * @example
 * const web = generateFullLoopWeb({ articleHosts: 10, spamHosts: 5, unique: 24, copyGroups: 8, nearPairs: 8, spamPages: 100 });
 */
export function generateFullLoopWeb(options: GenerateFullLoopWebOptions): FullLoopWeb {
  const seed = options.seed ?? 1;
  const forbiddenLinks = [...FORBIDDEN_URLS, ...MORE_FORBIDDEN_LINKS];
  let nextForbidden = 0;
  const forbiddenLink = () => forbiddenLinks[nextForbidden++ % forbiddenLinks.length]!;
  const articleHosts = Array.from(
    { length: options.articleHosts },
    (_, i) => `news-${String(i + 1).padStart(2, '0')}.example.com`,
  );
  const spamHosts = Array.from(
    { length: options.spamHosts },
    (_, i) => `spam-${i + 1}.example.net`,
  );
  const trapHost = 'traps.example.com';

  const contents = composeArticles(options, seed, options.chars ?? 2000);
  const built = [
    ...buildArticleSites(articleHosts, contents, { seed, trapHost, forbiddenLink }),
    ...buildSpamSites(spamHosts, options.spamPages, { seed, forbiddenLink }),
    buildTrapSite(trapHost),
  ];
  const hosts = [...articleHosts, ...spamHosts, trapHost];
  return {
    sites: built.map((b) => b.site),
    seeds: hosts.map((host) => `http://${host}/`),
    hosts,
    pages: new Map(built.flatMap((b) => b.pages.map((page) => [page.url, page] as const))),
    forbiddenLinks,
    expected: {
      articles: options.unique + options.copyGroups + options.nearPairs,
      exactDuplicates: options.copyGroups * 2,
      nearDuplicates: options.nearPairs,
    },
  };
}

/** An article's content and what it is: one group carries one article, its copies and edits. */
interface ArticleContent {
  title: string;
  text: string;
  kind: WebPageKind;
  group: number;
}

/** A fixture site and the URLs it serves, in the order they are listed. */
interface BuiltSite {
  site: FixtureSite;
  pages: WebPage[];
}

/** The articles: near-duplicate pairs, then copy groups of three, then unique articles. */
function composeArticles(
  options: Pick<GenerateFullLoopWebOptions, 'nearPairs' | 'copyGroups' | 'unique'>,
  seed: number,
  chars: number,
): ArticleContent[] {
  const contents: ArticleContent[] = [];
  let group = 0;
  const article = (g: number) => generateArticle(seed * 1_000_003 + g, { chars });
  for (let i = 0; i < options.nearPairs; i++, group++) {
    const { title, text } = article(group);
    contents.push({ title, text, kind: 'original', group });
    contents.push({ title, text: nearDuplicateOf(text, group, 0.92), kind: 'near', group });
  }
  for (let i = 0; i < options.copyGroups; i++, group++) {
    const { title, text } = article(group);
    contents.push({ title, text, kind: 'original', group });
    contents.push({ title, text, kind: 'copy', group });
    contents.push({ title, text: reformatArticle(text), kind: 'copy', group });
  }
  for (let i = 0; i < options.unique; i++, group++) {
    const { title, text } = article(group);
    contents.push({ title, text, kind: 'unique', group });
  }
  return contents;
}

/**
 * The article hosts: the shuffled articles dealt round-robin over them, each page linking home and
 * to the host's next article; each front page links to them, two forbidden URLs and the trap host.
 */
function buildArticleSites(
  articleHosts: readonly string[],
  contents: readonly ArticleContent[],
  links: { seed: number; trapHost: string; forbiddenLink: () => string },
): BuiltSite[] {
  const byHost = new Map<string, Array<{ path: string; content: ArticleContent }>>();
  shuffled(contents, seededRandom(links.seed)).forEach((content, i) => {
    const host = articleHosts[i % articleHosts.length]!;
    const list = byHost.get(host) ?? [];
    list.push({ path: `/articles/${list.length + 1}-g${content.group}`, content });
    byHost.set(host, list);
  });
  return articleHosts.map((host) => {
    const list = byHost.get(host) ?? [];
    const sitePages: Record<string, FixtureResponse> = {};
    const pages: WebPage[] = [];
    list.forEach(({ path, content }, i) => {
      const next = list[(i + 1) % list.length]!.path;
      sitePages[path] = articlePage({
        title: content.title,
        text: content.text,
        links: ['/', next],
      });
      pages.push({
        url: `http://${host}${path}`,
        host,
        kind: content.kind,
        group: content.group,
      });
    });
    sitePages['/'] = frontPage(
      host,
      list.map((p) => p.path),
      [links.forbiddenLink(), links.forbiddenLink(), `http://${links.trapHost}/`],
    );
    pages.push({ url: `http://${host}/`, host, kind: 'index' });
    return { site: { host, pages: sitePages }, pages };
  });
}

/** The spam hosts: spam pages dealt over them, cycling the spam kinds; each front page links to them and one forbidden URL. */
function buildSpamSites(
  spamHosts: readonly string[],
  spamPages: number,
  links: { seed: number; forbiddenLink: () => string },
): BuiltSite[] {
  return spamHosts.map((host, h) => {
    const sitePages: Record<string, FixtureResponse> = {};
    const pages: WebPage[] = [];
    const paths: string[] = [];
    for (let i = h; i < spamPages; i += spamHosts.length) {
      const kind = SPAM_KINDS[i % SPAM_KINDS.length]!;
      const path = `/offers/${i + 1}`;
      paths.push(path);
      sitePages[path] = spamPage(kind, links.seed * 10_007 + i);
      pages.push({ url: `http://${host}${path}`, host, kind: 'spam', spam: kind });
    }
    sitePages['/'] = frontPage(host, paths, [links.forbiddenLink()]);
    pages.push({ url: `http://${host}/`, host, kind: 'index' });
    return { site: { host, pages: sitePages }, pages };
  });
}

/** The trap host (see `trapSite`) and its URLs. */
function buildTrapSite(trapHost: string): BuiltSite {
  const site = trapSite(trapHost);
  const pages = Object.keys(site.pages).map(
    (path): WebPage => ({
      url: `http://${trapHost}${path}`,
      host: trapHost,
      kind: path === '/' ? 'index' : 'trap',
    }),
  );
  return { site, pages };
}

/** A host's front page: a list of links to `paths` and then `extra`. */
function frontPage(host: string, paths: readonly string[], extra: readonly string[]) {
  return html(`<!doctype html><html><head><title>${host}</title></head><body>
<h1>${host}</h1><ul>${[...paths, ...extra]
    .map((href) => `<li><a href="${href}">${href}</a></li>`)
    .join('')}</ul></body></html>`);
}
