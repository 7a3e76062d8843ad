import { seededRandom, shuffled } from '@plaza/test-kit/random';
import { generateArticle, nearDuplicateOf, reformatArticle } from './generate-article.ts';

/** What a generated page is relative to the other pages of its content group. */
export type PageKind = 'unique' | 'original' | 'copy' | 'near';

/** One page of the simulated web: what a device "fetches" at `url`. */
export interface GeneratedPage {
  url: string;
  host: string;
  title: string;
  text: string;
  kind: PageKind;
  /** Pages of one group carry the same article (copies) or an edit of it (near). */
  group: number;
}

/** Options of {@link generatePages}. */
export interface GeneratePagesOptions {
  /** Number of hosts, named `site-0001.<domain>` … */
  hosts: number;
  /** URLs per host. @default 1 */
  urlsPerHost?: number;
  /** Fraction of the pages that are exact copies (after normalization) of another page. @default 0 */
  exactDuplicateRate?: number;
  /** Fraction of the pages that are near-duplicates of another page. @default 0 */
  nearDuplicateRate?: number;
  /** 5-word-shingle Jaccard similarity of a near-duplicate to its original. @default 0.92 */
  nearJaccard?: number;
  /** Approximate text length of each page. @default 4000 */
  chars?: number;
  /** @default 'example.com' */
  domain?: string;
  /** @default 1 */
  seed?: number;
}

/** The pages, and what a correct coordinator must make of them. */
export interface GeneratedSite {
  pages: GeneratedPage[];
  /** Page by URL (as `new URL(url).href`). */
  byUrl: Map<string, GeneratedPage>;
  hosts: string[];
  expected: {
    /** Distinct texts after normalization. */
    distinctTexts: number;
    /** Pages that repeat an earlier page's content exactly: `duplicate` outcomes. */
    exactDuplicates: number;
    /** Pages that are edits of another page: `near_duplicate` outcomes when all are caught. */
    nearDuplicates: number;
    /** Canonical items when every near-duplicate is caught. */
    items: number;
  };
}

/**
 * A deterministic simulated web of article pages with a controlled share of duplicates, each
 * duplicate served at a different URL than its original:
 * - exact duplicates come in groups of three pages (an original, an identical copy, and a copy
 *   with another case and layout, equal after normalization);
 * - near-duplicates come in pairs (an original and an edit of it with Jaccard `nearJaccard`);
 * - every other page is unique.
 * Which page of a group a coordinator sees first does not change the expected counts.
 *
 * @example
 * const site = generatePages({ hosts: 150, urlsPerHost: 2, exactDuplicateRate: 0.2, nearDuplicateRate: 0.1 });
 */
export function generatePages(options: GeneratePagesOptions): GeneratedSite {
  const urlsPerHost = options.urlsPerHost ?? 1;
  const total = options.hosts * urlsPerHost;
  const domain = options.domain ?? 'example.com';
  const seed = options.seed ?? 1;
  const chars = options.chars ?? 4000;
  const nearJaccard = options.nearJaccard ?? 0.92;
  const copies = Math.round(total * (options.exactDuplicateRate ?? 0));
  const nearDuplicates = Math.round(total * (options.nearDuplicateRate ?? 0));
  const copyGroups = Math.ceil(copies / 2);
  const unique = total - nearDuplicates * 2 - copyGroups - copies;
  if (unique < 0) {
    throw new RangeError(
      `${total} pages cannot hold ${copies} exact and ${nearDuplicates} near duplicates.`,
    );
  }

  type Content = Omit<GeneratedPage, 'url' | 'host'>;
  const contents: Content[] = [];
  let group = 0;
  const article = (g: number) => generateArticle(seed * 1_000_003 + g, { chars });
  for (let i = 0; i < nearDuplicates; i++, group++) {
    const { title, text } = article(group);
    contents.push({ title, text, kind: 'original', group });
    contents.push({ title, text: nearDuplicateOf(text, group, nearJaccard), kind: 'near', group });
  }
  for (let left = copies; left > 0; group++) {
    const { title, text } = article(group);
    contents.push({ title, text, kind: 'original', group });
    contents.push({ title, text, kind: 'copy', group });
    left--;
    if (left > 0) {
      contents.push({ title, text: reformatArticle(text), kind: 'copy', group });
      left--;
    }
  }
  for (let i = 0; i < unique; i++, group++) {
    const { title, text } = article(group);
    contents.push({ title, text, kind: 'unique', group });
  }

  const hosts = Array.from(
    { length: options.hosts },
    (_, i) => `site-${String(i + 1).padStart(4, '0')}.${domain}`,
  );
  const order = shuffled(contents, seededRandom(seed));
  const pages = order.map((content, i): GeneratedPage => {
    const host = hosts[i % options.hosts]!;
    const path = `/articles/${String(Math.floor(i / options.hosts) + 1).padStart(3, '0')}-g${content.group}`;
    return { ...content, host, url: new URL(`https://${host}${path}`).href };
  });
  return {
    pages,
    byUrl: new Map(pages.map((page) => [page.url, page])),
    hosts,
    expected: {
      distinctTexts: unique + copyGroups + nearDuplicates * 2,
      exactDuplicates: copies,
      nearDuplicates,
      items: unique + copyGroups + nearDuplicates,
    },
  };
}
