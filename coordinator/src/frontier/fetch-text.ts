import { checkEgressUrl, MAX_REDIRECTS } from '@plaza/protocol';

/** What the coordinator's own fetches (robots.txt, sitemaps) return. Throws on network failure. */
export type FetchText = (
  url: string,
  options?: { maxBytes?: number; timeoutMs?: number },
) => Promise<{ status: number; body: string; finalUrl: string }>;

/** Thrown when a hop of the coordinator's own fetch breaks the egress policy. */
export class FetchRefusedError extends Error {
  override readonly name = 'FetchRefusedError';
  constructor(
    readonly code: string,
    readonly url: string,
  ) {
    super(`Refused to fetch ${url}: ${code}.`);
  }
}

/** The request `createFetchText` makes of its transport for each hop. */
export type FetchHop = (
  url: URL,
  init: {
    method: 'GET';
    redirect: 'manual';
    credentials: 'omit';
    headers: Record<string, string>;
    signal: AbortSignal;
  },
) => Promise<Response>;

/**
 * The default {@link FetchText}: GET without credentials, redirects followed by hand (each hop
 * checked against the egress policy and `checkHost`), body cut at `maxBytes`. `fetch` makes each
 * hop; the coordinator's is `createPinnedFetch` with the checking lookup, so a hop connects only to
 * addresses the DNS check passed.
 */
export function createFetchText(params: {
  fetch: FetchHop;
  /** Called with each hop's host before it is fetched; throws to refuse (private DNS answers). */
  checkHost?: (host: string) => Promise<void>;
  userAgent?: string;
}): FetchText {
  const doFetch = params.fetch;
  return async (url, options = {}) => {
    const maxBytes = options.maxBytes ?? 512 * 1024;
    const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const checked = checkEgressUrl(current);
      if (!checked.ok) throw new FetchRefusedError(checked.code, current);
      await params.checkHost?.(checked.url.hostname);
      const response = await doFetch(checked.url, {
        method: 'GET',
        redirect: 'manual',
        credentials: 'omit',
        headers: { 'user-agent': params.userAgent ?? 'PlazaBot/0.1 (+https://plaza.invalid/bot)' },
        signal,
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        current = new URL(location, checked.url).toString();
        continue;
      }
      return {
        status: response.status,
        body: await readCapped(response, maxBytes),
        finalUrl: current,
      };
    }
    throw new FetchRefusedError('TOO_MANY_REDIRECTS', url);
  };
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  const all = new Uint8Array(Math.min(size, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    const take = Math.min(chunk.byteLength, all.byteLength - offset);
    all.set(chunk.subarray(0, take), offset);
    offset += take;
  }
  return new TextDecoder().decode(all);
}
