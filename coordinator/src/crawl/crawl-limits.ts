import { FETCH_TIMEOUT_MS, MAX_BODY_BYTES, MAX_REDIRECTS } from '@plaza/protocol';

/**
 * The limits of the coordinator's own crawlers (verification re-fetches and server crawling): the
 * extension's, so a page is fetched the same way on both sides.
 */
export const crawlLimits = {
  /** Largest body read, bytes (2 MiB); past it the fetch fails with `TOO_LARGE`. */
  maxBodyBytes: MAX_BODY_BYTES,
  /** Time allowed for one page, headers and body (15 s). */
  timeoutMs: FETCH_TIMEOUT_MS,
  /** Redirect hops followed by hand, each checked again. */
  maxRedirects: MAX_REDIRECTS,
} as const;

/** The User-Agent of the coordinator's fetches; robots.txt groups for `PlazaBot` apply to it. */
export const CRAWLER_USER_AGENT = 'PlazaBot/0.1 (+https://plaza.invalid/bot)';
