import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** One benchmark page: its HTML, its URL and the human-checked article body. */
export interface ArticlePage {
  key: string;
  url: string;
  html: string;
  articleBody: string;
}

/** The shared data folder, which sits beside the repository root. */
export const ARTICLE_DATA_DIR = new URL(
  '../../../shared/benchmarks/article-extraction/',
  import.meta.url,
);

/**
 * Loads every page of the article-extraction benchmark (`html/<key>.html.gz` plus
 * `ground-truth.json`), sorted by key.
 */
export async function loadArticlePages(dir: URL = ARTICLE_DATA_DIR): Promise<ArticlePage[]> {
  const truthFile = new URL('ground-truth.json', dir);
  const htmlDir = new URL('html/', dir);
  if (!existsSync(truthFile) || !existsSync(htmlDir)) {
    throw new Error(
      `Article-extraction data is missing at ${fileURLToPath(dir)}: expected ground-truth.json and html/ (the shared benchmarks folder beside the repository root).`,
    );
  }
  const truth = JSON.parse(await readFile(truthFile, 'utf8')) as Record<
    string,
    { url: string; articleBody: string }
  >;
  const files = (await readdir(htmlDir)).filter((f) => f.endsWith('.html.gz')).sort();
  const pages: ArticlePage[] = [];
  for (const file of files) {
    const key = file.slice(0, -'.html.gz'.length);
    const entry = truth[key];
    if (entry === undefined) continue;
    const html = gunzipSync(await readFile(new URL(file, htmlDir))).toString('utf8');
    pages.push({ key, url: entry.url, html, articleBody: entry.articleBody });
  }
  if (pages.length === 0) throw new Error(`No benchmark pages found in ${fileURLToPath(htmlDir)}.`);
  return pages;
}
