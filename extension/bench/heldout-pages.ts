import { readdir, readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '@plaza/extract';
import type { ArticlePage } from './article-pages.ts';

/** The frozen held-out set (see heldout/README.md). */
export const HELDOUT_DIR = new URL('./heldout/', import.meta.url);

/** A held-out page: an article page plus the documentation generator it comes from. */
export interface HeldoutPage extends ArticlePage {
  generator: string;
}

/**
 * Loads the held-out extraction set, sorted by key: the raw page bytes decoded as the extension
 * decodes a fetched page (`decodeHtml`), and the generator-marked ground truth.
 */
export async function loadHeldoutPages(dir: URL = HELDOUT_DIR): Promise<HeldoutPage[]> {
  const truth = JSON.parse(
    gunzipSync(await readFile(new URL('ground-truth.json.gz', dir))).toString('utf8'),
  ) as Record<string, { url: string; generator: string; articleBody: string }>;
  const htmlDir = new URL('html/', dir);
  const files = (await readdir(htmlDir)).filter((f) => f.endsWith('.html.gz')).sort();
  const pages: HeldoutPage[] = [];
  for (const file of files) {
    const key = file.slice(0, -'.html.gz'.length);
    const entry = truth[key];
    if (entry === undefined) continue;
    const html = decodeHtml(gunzipSync(await readFile(new URL(file, htmlDir))), 'text/html');
    pages.push({ key, html, ...entry });
  }
  return pages;
}
