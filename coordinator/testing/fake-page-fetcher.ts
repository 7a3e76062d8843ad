import { keccak256, stringToBytes } from 'viem';
import type { FetchMode, PageFetcher, PageResult } from '../src/crawl/page-fetcher.ts';

/** An HTML page around an article's paragraphs, with navigation and a footer to strip. */
export function articleHtml(title: string, text: string): string {
  const paragraphs = text
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body>
<nav><a href="/">Home</a></nav><main><article><h1>${title}</h1>
${paragraphs}
</article></main><footer><p>© Example. All rights reserved.</p></footer></body></html>`;
}

/** A page the fake fetcher serves: HTML, an answer (after redirects to `finalUrl`), or a failure. */
export type FakeFetch =
  | string
  | { status: number; body?: string; finalUrl?: string }
  | { error: string };

/**
 * A {@link PageFetcher} without a network for unit tests: answers from `pages` by URL (404 when
 * absent) and records every batch it was asked for (`calls`).
 */
export function createFakePageFetcher(pages: Map<string, FakeFetch>) {
  const calls: { urls: string[]; mode: FetchMode }[] = [];
  const fetchPages: PageFetcher = async (requests, mode) => {
    calls.push({ urls: requests.map((r) => r.url), mode });
    return requests.map((r): PageResult => {
      const page = pages.get(r.url) ?? { status: 404, body: 'not found' };
      const finalUrl = typeof page === 'object' && 'finalUrl' in page ? page.finalUrl : undefined;
      const base = { key: r.key, url: r.url, finalUrl: finalUrl ?? r.url, fetchedAt: new Date() };
      if (typeof page === 'object' && 'error' in page) {
        return {
          ...base,
          status: 0,
          contentType: '',
          body: null,
          bytes: 0,
          bodyHash: null,
          error: page.error,
        };
      }
      const status = typeof page === 'string' ? 200 : page.status;
      const body = typeof page === 'string' ? page : (page.body ?? '');
      const bytes = stringToBytes(body);
      return {
        ...base,
        status,
        contentType: 'text/html; charset=utf-8',
        body,
        bytes: bytes.byteLength,
        bodyHash: keccak256(bytes),
        error: null,
      };
    });
  };
  return { fetchPages, calls };
}
