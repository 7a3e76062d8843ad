import { seededRandom, shuffled } from '@plaza/test-kit/random';
import type { FixtureResponse, FixtureSite } from '../harness/fixture-internet.ts';
import { html } from '../harness/fixture-internet.ts';
import { articlePage } from '../harness/fixture-sites.ts';
import { generateArticle, nearDuplicateOf, reformatArticle } from '../harness/generate-article.ts';
import { SPAM_KINDS, spamPage } from '../harness/generate-spam-page.ts';

/** What a page of the demo web is. */
export type DemoPageKind = 'front' | 'unique' | 'original' | 'copy' | 'near' | 'spam';

/** The demo's small web: three news sections and a spam host, and what a correct crawl makes of it. */
export interface DemoWeb {
  sites: FixtureSite[];
  /** The front page of every host: the campaign's seeds. */
  seeds: string[];
  hosts: string[];
  /** Every URL a device can reach from the seeds, and what it is. */
  pages: Map<string, DemoPageKind>;
  /** The class a careful labeler gives a page of each article host (its section). */
  sectionOf: Map<string, number>;
  classes: string[];
  expected: {
    /** Distinct articles: the items to label. */
    articles: number;
    exactDuplicates: number;
    nearDuplicates: number;
    /** Spam and front pages (link lists): below the quality floor. */
    lowQuality: number;
  };
}

/** Options of {@link generateDemoWeb}. */
export interface DemoWebOptions {
  unique?: number;
  /** Groups of an original and two copies (one identical, one in another case and layout). */
  copyGroups?: number;
  /** Pairs of an original and a light edit of it. */
  nearPairs?: number;
  spam?: number;
  seed?: number;
}

const sections = [
  { host: 'harbour-news.example.com', class: 'local news' },
  { host: 'city-science.example.com', class: 'science' },
  { host: 'weekend-arts.example.com', class: 'culture' },
];
const spamHost = 'best-deals.example.net';

/**
 * A deterministic web of about eighty pages for `pnpm demo`: three article hosts whose pages hold
 * unique articles, exact copies of one another (identical or reformatted) and near-duplicates
 * across hosts, plus a host of keyword stuffing, boilerplate and near-empty pages. Every front page
 * links to its host's pages, so devices discover them as they crawl.
 */
export function generateDemoWeb(options: DemoWebOptions = {}): DemoWeb {
  const seed = options.seed ?? 7;
  const unique = options.unique ?? 30;
  const copyGroups = options.copyGroups ?? 6;
  const nearPairs = options.nearPairs ?? 8;
  const spam = options.spam ?? 15;
  type Content = { title: string; text: string; kind: DemoPageKind; group: number };
  const contents: Content[] = [];
  let group = 0;
  const article = (g: number) => generateArticle(seed * 1_000_003 + g, { chars: 1800 });
  for (let i = 0; i < nearPairs; i++, group++) {
    const { title, text } = article(group);
    contents.push({ title, text, kind: 'original', group });
    contents.push({ title, text: nearDuplicateOf(text, group, 0.92), kind: 'near', group });
  }
  for (let i = 0; i < copyGroups; i++, group++) {
    const { title, text } = article(group);
    contents.push({ title, text, kind: 'original', group });
    contents.push({ title, text, kind: 'copy', group });
    contents.push({ title, text: reformatArticle(text), kind: 'copy', group });
  }
  for (let i = 0; i < unique; i++, group++) {
    const { title, text } = article(group);
    contents.push({ title, text, kind: 'unique', group });
  }

  const pages = new Map<string, DemoPageKind>();
  const sectionOf = new Map<string, number>();
  const sites: FixtureSite[] = [];
  const front = (host: string, paths: readonly string[]) =>
    html(`<!doctype html><html><head><title>${host}</title></head><body>
<h1>${host}</h1><ul>${paths.map((href) => `<li><a href="${href}">${href}</a></li>`).join('')}</ul>
</body></html>`);
  const byHost = new Map<string, Array<{ path: string; content: Content }>>();
  shuffled(contents, seededRandom(seed)).forEach((content, i) => {
    const host = sections[i % sections.length]!.host;
    const list = byHost.get(host) ?? [];
    list.push({ path: `/stories/${list.length + 1}`, content });
    byHost.set(host, list);
  });
  sections.forEach(({ host }, section) => {
    const list = byHost.get(host) ?? [];
    const sitePages: Record<string, FixtureResponse> = {};
    for (const { path, content } of list) {
      sitePages[path] = articlePage({ title: content.title, text: content.text, links: ['/'] });
      pages.set(`http://${host}${path}`, content.kind);
    }
    sitePages['/'] = front(
      host,
      list.map((p) => p.path),
    );
    pages.set(`http://${host}/`, 'front');
    sectionOf.set(host, section);
    sites.push({ host, pages: sitePages });
  });
  const spamPages: Record<string, FixtureResponse> = {};
  const spamPaths: string[] = [];
  for (let i = 0; i < spam; i++) {
    const path = `/offers/${i + 1}`;
    spamPaths.push(path);
    spamPages[path] = spamPage(SPAM_KINDS[i % SPAM_KINDS.length]!, seed * 10_007 + i);
    pages.set(`http://${spamHost}${path}`, 'spam');
  }
  spamPages['/'] = front(spamHost, spamPaths);
  pages.set(`http://${spamHost}/`, 'front');
  sites.push({ host: spamHost, pages: spamPages });

  const hosts = [...sections.map((s) => s.host), spamHost];
  return {
    sites,
    seeds: hosts.map((host) => `http://${host}/`),
    hosts,
    pages,
    sectionOf,
    classes: sections.map((s) => s.class),
    expected: {
      articles: unique + copyGroups + nearPairs,
      exactDuplicates: 2 * copyGroups,
      nearDuplicates: nearPairs,
      lowQuality: spam + hosts.length,
    },
  };
}
