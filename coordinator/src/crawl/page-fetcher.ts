/** One page to fetch: `key` identifies it in the answer (a check or a job id). */
export interface PageRequest {
  key: string;
  url: string;
}

/** What fetching one page gave. */
export interface PageResult {
  key: string;
  /** The URL asked for. */
  url: string;
  /** The URL of the last hop, after redirects followed by hand. */
  finalUrl: string;
  /** HTTP status of the last hop; 0 when no answer came. */
  status: number;
  /** The last hop's `Content-Type`; '' when none. */
  contentType: string;
  /** The body as text (HTML or plain text) when it was read in full and is text; else null. */
  body: string | null;
  /** Raw body bytes read. */
  bytes: number;
  /** keccak256 of the raw body bytes, when read in full. */
  bodyHash: `0x${string}` | null;
  /**
   * Why there is no body: an egress or DNS refusal code (`IP_LITERAL`, `HOST_RESOLVES_PRIVATE`
   * …), `TOO_MANY_REDIRECTS`, `TOO_LARGE`, `CONTENT_TYPE_REFUSED`, `TIMEOUT` or `NETWORK_ERROR`.
   * Null when the page was read (whatever its status).
   */
  error: string | null;
  fetchedAt: Date;
}

/** How a batch is fetched: plain HTTP (CheerioCrawler) or a real browser (PlaywrightCrawler). */
export type FetchMode = 'http' | 'browser';

/**
 * Fetches a batch of pages with crawlee under the coordinator's egress policy, one result per
 * request, in any order. Never throws for a page; throws only when the crawler itself cannot run.
 */
export type PageFetcher = (
  requests: readonly PageRequest[],
  mode: FetchMode,
) => Promise<PageResult[]>;
