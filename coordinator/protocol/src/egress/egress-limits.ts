/** Longest URL the extension fetches or the coordinator enqueues, in UTF-16 code units. */
export const MAX_URL_LENGTH = 2048;

/** Redirect hops the extension follows by hand, each one checked again by `checkEgressUrl`. */
export const MAX_REDIRECTS = 5;

/** Largest response body read, in bytes (2 MiB); the read stops there and the fetch fails. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Time allowed for one fetch, headers and body together, in milliseconds (15 s). */
export const FETCH_TIMEOUT_MS = 15_000;

/** Media types (the part of `Content-Type` before `;`) whose bodies are read; all else is refused. */
export const ALLOWED_CONTENT_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain'] as const;

/** One of {@link ALLOWED_CONTENT_TYPES}. */
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];
