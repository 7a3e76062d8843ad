import { extractPage } from '../crawl/extract-page.ts';
import type { PageResult } from '../crawl/page-fetcher.ts';
import type { MinHasher } from '../dedup/index.ts';
import { compareTexts } from './compare-texts.ts';

/** The verdict on one re-fetched page. */
export interface PageVerdict {
  state: 'confirmed' | 'failed' | 'inconclusive';
  similarity: number | null;
  /** Why it is inconclusive: the fetch's error code, `HTTP_<status>` or `EMPTY_TEXT`. */
  error: string | null;
}

/**
 * Judges a re-fetched page against the text the device submitted: inconclusive when the page
 * could not be read (refused, too large, timed out, HTTP error, no text: it may have been taken
 * down, and that says nothing about the device); otherwise the page is extracted exactly as the
 * extension extracts it and compared (`compareTexts`): confirmed at or above `confirmSimilarity`,
 * failed below.
 *
 * @example
 * judgePage(page, { submittedText, extraction: 'article' }, minHasher, 0.8);
 */
export function judgePage(
  page: PageResult,
  check: { submittedText: string; extraction: 'article' | 'full-text' },
  minHasher: MinHasher,
  confirmSimilarity: number,
): PageVerdict {
  if (page.error !== null || page.body === null) {
    return { state: 'inconclusive', similarity: null, error: page.error ?? 'NO_BODY' };
  }
  if (page.status < 200 || page.status >= 300) {
    return { state: 'inconclusive', similarity: null, error: `HTTP_${page.status}` };
  }
  const { text } = extractPage({
    body: page.body,
    contentType: page.contentType,
    url: page.finalUrl,
    mode: check.extraction,
  });
  if (text.trim() === '') return { state: 'inconclusive', similarity: null, error: 'EMPTY_TEXT' };
  const similarity = compareTexts(minHasher, check.submittedText, text, confirmSimilarity);
  return {
    state: similarity >= confirmSimilarity ? 'confirmed' : 'failed',
    similarity,
    error: null,
  };
}
