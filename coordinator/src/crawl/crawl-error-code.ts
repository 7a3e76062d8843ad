import { FetchRefusedError } from '../frontier/fetch-text.ts';

/** Whether crawlee refused a body for its Content-Type (it says so only in the message). */
export function isContentTypeError(error: unknown): boolean {
  return error instanceof Error && /served Content-Type/.test(error.message);
}

/**
 * The code of a failed fetch: a refusal's own code (egress, DNS, `TOO_LARGE`,
 * `TOO_MANY_REDIRECTS` …), else `CONTENT_TYPE_REFUSED`, `TIMEOUT`, `NOT_FETCHED` or
 * `NETWORK_ERROR`.
 *
 * @example
 * errorCode(new FetchRefusedError('IP_LITERAL', 'http://10.0.0.1/')); // 'IP_LITERAL'
 */
export function errorCode(error: unknown): string {
  if (error instanceof FetchRefusedError) return error.code;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof FetchRefusedError) return cause.code;
  if (isContentTypeError(error)) return 'CONTENT_TYPE_REFUSED';
  const message = error instanceof Error ? error.message : String(error);
  const refused = /Refused to fetch .*: ([A-Z_]+)\.$/.exec(message);
  if (refused) return refused[1]!;
  if (/timed? ?out|timeout/i.test(message)) return 'TIMEOUT';
  if (message === 'NOT_FETCHED') return 'NOT_FETCHED';
  return 'NETWORK_ERROR';
}
