import { decodeHtml } from '@plaza/extract';
import {
  checkEgressUrl,
  egressRequestInit,
  FETCH_TIMEOUT_MS,
  isAllowedContentType,
  MAX_BODY_BYTES,
  MAX_REDIRECTS,
} from '@plaza/protocol';
import { keccak256 } from 'viem';
import type { FetchOutcome } from './activity-log.ts';

/** Options of {@link egressFetch}. */
export interface EgressFetchOptions {
  /** The user's deny list, checked on the URL and on every redirect hop. @default [] */
  denyList?: readonly string[];
  /** Body bytes read at most; never above `MAX_BODY_BYTES`. @default MAX_BODY_BYTES */
  maxBytes?: number;
  /** Past `maxBytes`: fail (`too_large`), or keep the first `maxBytes` (robots.txt). @default 'fail' */
  oversize?: 'fail' | 'truncate';
  /** Headers and body together. @default FETCH_TIMEOUT_MS */
  timeoutMs?: number;
  /** Injected for tests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Aborts the fetch from outside (pause). */
  signal?: AbortSignal;
  /** Clock for `ms`. @default performance.now */
  now?: () => number;
}

/** What {@link egressFetch} found. The body is present only for `ok`. */
export interface EgressFetchResult {
  outcome: FetchOutcome;
  /** The URL asked for. */
  url: string;
  /** The URL the body came from (differs after redirects followed by hand). */
  finalUrl: string;
  /** HTTP status; 0 when there was none, including an opaque redirect. */
  status: number;
  contentType: string;
  /**
   * Body bytes received: for `too_large`, what had arrived when the read was aborted (at most one
   * network chunk past the cap); for `timeout`, what arrived before it.
   */
  bytes: number;
  ms: number;
  /** For `refused` and errors: the code (`IP_LITERAL`, `DENY_LISTED`, `TIMEOUT` …). */
  code?: string;
  reason?: string;
  body?: Uint8Array;
  /** keccak256 of the body bytes, for `ok`. */
  bodyHash?: `0x${string}`;
  /** The body was cut at `maxBytes` (`oversize: 'truncate'`). */
  truncated?: boolean;
}

/**
 * Fetches one URL under Plaza's egress policy, the only way the extension touches the web:
 * - the URL and every redirect hop pass `checkEgressUrl` with the user's deny list (http/https,
 *   ports 80/443, no credentials, no IP literals, no localhost, single-label, special-use or
 *   non-public-suffix hosts), or nothing is requested;
 * - exactly `egressRequestInit`: GET, `credentials: 'omit'` (no cookies sent or stored), no
 *   caller-supplied headers, no referrer, no cache, `redirect: 'manual'`;
 * - redirects are never followed by the browser. An opaque redirect (what browsers give extension
 *   fetches) is reported as `redirect` with status 0 so the coordinator resolves it under its own
 *   checks; a readable `Location` (Node) is followed by hand, at most `MAX_REDIRECTS` hops;
 * - the body is read only for a 2xx answer with an allowed content type, streamed and aborted past
 *   the size cap, all under one time cap; it is hashed (keccak256 of the bytes), never executed.
 *
 * Never throws: every failure is an outcome.
 *
 * @example
 * const result = await egressFetch('https://news.example.com/a', { denyList: ['ads.example'] });
 * if (result.outcome === 'ok') parse(decodeBody(result.body!, result.contentType));
 */
export async function egressFetch(
  url: string,
  options: EgressFetchOptions = {},
): Promise<EgressFetchResult> {
  const run = startRun(url, options);
  let current = url;
  for (let hop = 0; ; hop++) {
    const checked = checkEgressUrl(current, { denyList: options.denyList ?? [] });
    if (!checked.ok) {
      return run.done({
        outcome: 'refused',
        finalUrl: current,
        code: checked.code,
        reason: checked.reason,
      });
    }
    current = checked.url.href;
    let response: Response;
    try {
      response = await run.fetch(current, { ...egressRequestInit, signal: run.signal });
    } catch (error) {
      return run.done({ finalUrl: current, ...abortOutcome(error, run.timeout, options.signal) });
    }
    const redirect = await redirectStep(run, response, current, hop);
    if (redirect === null) return readAnswer(run, response, current);
    if (typeof redirect !== 'string') return redirect;
    current = redirect;
  }
}

/** One egress fetch in progress: its limits, its signals and how it ends. */
interface EgressRun {
  url: string;
  options: EgressFetchOptions;
  fetch: typeof fetch;
  maxBytes: number;
  timeout: AbortSignal;
  /** Aborted by the size cap. */
  abort: AbortController;
  signal: AbortSignal;
  /** The result with these fields, timed from the start. */
  done(fields: Partial<EgressFetchResult> & { outcome: FetchOutcome }): EgressFetchResult;
}

function startRun(url: string, options: EgressFetchOptions): EgressRun {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const timeout = AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS);
  const abort = new AbortController();
  const signals = [timeout, abort.signal, ...(options.signal ? [options.signal] : [])];
  const base = { url, finalUrl: url, status: 0, contentType: '', bytes: 0 };
  return {
    url,
    options,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    maxBytes: Math.min(options.maxBytes ?? MAX_BODY_BYTES, MAX_BODY_BYTES),
    timeout,
    abort,
    signal: AbortSignal.any(signals),
    done: (fields) => ({ ...base, ...fields, ms: Math.max(0, now() - started) }),
  };
}

/**
 * What a redirect answer means: null when `response` is no redirect, the next URL to check and
 * fetch, or the end (an opaque redirect, too many hops, an unreadable `Location`).
 */
async function redirectStep(
  run: EgressRun,
  response: Response,
  current: string,
  hop: number,
): Promise<string | EgressFetchResult | null> {
  if (response.type === 'opaqueredirect' || response.status === 0) {
    return run.done({ outcome: 'redirect', finalUrl: current, status: 0, code: 'OPAQUE_REDIRECT' });
  }
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || location === null) return null;
  await cancel(response);
  if (hop >= MAX_REDIRECTS) {
    return run.done({
      outcome: 'refused',
      finalUrl: current,
      status: response.status,
      code: 'TOO_MANY_REDIRECTS',
      reason: `More than ${MAX_REDIRECTS} redirects from ${run.url}.`,
    });
  }
  try {
    return new URL(location, current).href;
  } catch {
    return run.done({
      outcome: 'http_error',
      finalUrl: current,
      status: response.status,
      code: 'BAD_LOCATION',
    });
  }
}

/** The final answer: its status and content type checked, its body read under the caps and hashed. */
async function readAnswer(
  run: EgressRun,
  response: Response,
  current: string,
): Promise<EgressFetchResult> {
  const { options } = run;
  const contentType = response.headers.get('content-type') ?? '';
  const answered = { finalUrl: current, status: response.status, contentType };
  if (response.status < 200 || response.status >= 300) {
    await cancel(response);
    return run.done({ ...answered, outcome: 'http_error', code: `HTTP_${response.status}` });
  }
  if (!isAllowedContentType(contentType)) {
    await cancel(response);
    return run.done({ ...answered, outcome: 'bad_content_type', code: 'CONTENT_TYPE' });
  }
  const declared = Number(response.headers.get('content-length'));
  if (options.oversize !== 'truncate' && Number.isFinite(declared) && declared > run.maxBytes) {
    await cancel(response);
    return run.done({ ...answered, outcome: 'too_large', code: 'TOO_LARGE' });
  }
  const read = await readCapped(response, run.maxBytes, run.abort);
  if (read.error !== undefined) {
    return run.done({
      ...answered,
      bytes: read.bytes.byteLength,
      ...abortOutcome(read.error, run.timeout, options.signal),
    });
  }
  if (read.overflow && options.oversize !== 'truncate') {
    return run.done({ ...answered, outcome: 'too_large', bytes: read.seen, code: 'TOO_LARGE' });
  }
  return run.done({
    ...answered,
    outcome: 'ok',
    bytes: read.bytes.byteLength,
    body: read.bytes,
    bodyHash: keccak256(read.bytes),
    ...(read.overflow ? { truncated: true } : {}),
  });
}

function abortOutcome(
  error: unknown,
  timeout: AbortSignal,
  stop: AbortSignal | undefined,
): { outcome: FetchOutcome; code: string; reason: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (timeout.aborted) return { outcome: 'timeout', code: 'TIMEOUT', reason: message };
  if (stop?.aborted) return { outcome: 'network_error', code: 'ABORTED', reason: message };
  return { outcome: 'network_error', code: 'NETWORK_ERROR', reason: message };
}

async function cancel(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

/** Reads at most `maxBytes`; on the first byte past it, aborts the request and stops. */
async function readCapped(
  response: Response,
  maxBytes: number,
  abort: AbortController,
): Promise<{ bytes: Uint8Array; seen: number; overflow: boolean; error?: unknown }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let seen = 0;
  let overflow = false;
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        seen += value.byteLength;
        const room = maxBytes - size;
        if (value.byteLength > room) {
          if (room > 0) chunks.push(value.subarray(0, room));
          size += Math.max(room, 0);
          overflow = true;
          abort.abort(new Error('body over the size cap'));
          await reader.cancel().catch(() => {});
          break;
        }
        chunks.push(value);
        size += value.byteLength;
      }
    } catch (error) {
      return { bytes: concat(chunks, size), seen, overflow, error };
    }
  }
  return { bytes: concat(chunks, size), seen, overflow };
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Decodes a body as a browser does (`decodeHtml` of `@plaza/extract`, which the coordinator uses
 * too): a byte-order mark, else the `Content-Type` charset, else a `<meta charset>` anywhere in
 * the head, else UTF-8. Unknown charsets are skipped; invalid bytes become U+FFFD.
 */
export function decodeBody(body: Uint8Array, contentType: string): string {
  return decodeHtml(body, contentType);
}
