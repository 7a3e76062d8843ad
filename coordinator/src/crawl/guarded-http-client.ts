import { Transform } from 'node:stream';
import type {
  BaseHttpClient,
  HttpRequest,
  HttpResponse,
  RedirectHandler,
  ResponseTypes,
  StreamingHttpResponse,
} from 'crawlee';
import type { ConnectLookup } from '../frontier/checking-lookup.ts';
import { FetchRefusedError } from '../frontier/fetch-text.ts';
import { CRAWLER_USER_AGENT } from './crawl-limits.ts';

/** What the guarded client saw of one request (its first URL), read by the crawler's handlers. */
export interface GuardedExchange {
  finalUrl: string;
  status: number;
  contentType: string;
  /** The raw body, once read in full. */
  raw: Buffer | null;
  bytes: number;
}

/** Options of {@link createGuardedHttpClient}. */
export interface GuardedHttpClientOptions {
  /** The client that does the I/O (crawlee's `GotScrapingHttpClient`). */
  inner: BaseHttpClient;
  /** Checks one hop before it is fetched; throws `FetchRefusedError` to refuse it. */
  checkUrl: (url: string) => Promise<URL>;
  /**
   * Gives a direct connection its addresses (`createCheckingLookup`: only addresses the DNS check
   * passed). Unused for a request through a proxy, which resolves the name itself.
   */
  lookup?: ConnectLookup;
  maxBytes: number;
  maxRedirects: number;
  /** Receives what each request (by its first URL) answered: status, final URL, raw body. */
  exchanges?: Map<string, GuardedExchange>;
}

function header(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/**
 * A crawlee `BaseHttpClient` that applies the coordinator's egress policy to every hop: redirects
 * are never followed by the inner client but by hand, at most `maxRedirects`, each hop passing
 * `checkUrl` (egress rules and DNS) first, and a direct connection to the addresses `lookup` gives
 * (those the DNS check passed); only GET, with the Plaza User-Agent, no header
 * generator and no cookies; bodies are cut at `maxBytes` (a declared larger `Content-Length`
 * fails at once, a longer stream when it passes the cap) with `FetchRefusedError('TOO_LARGE')`.
 */
export function createGuardedHttpClient(options: GuardedHttpClientOptions): BaseHttpClient {
  const { inner, checkUrl, maxBytes, maxRedirects } = options;

  async function stream(
    request: HttpRequest,
    _onRedirect?: RedirectHandler,
  ): Promise<StreamingHttpResponse> {
    const first = String(request.url);
    if ((request.method ?? 'GET').toUpperCase() !== 'GET') {
      throw new FetchRefusedError('METHOD_FORBIDDEN', first);
    }
    // No cookie jar: nothing is stored, nothing is sent back.
    const { cookieJar: _jar, ...rest } = request;
    let url = first;
    const redirectUrls: URL[] = [];
    for (let hop = 0; ; hop++) {
      const checked = await checkUrl(url);
      const response = await inner.stream({
        ...rest,
        // A direct connection goes to the checked addresses only (HTTP/1.1: got's HTTP/2 path
        // resolves by itself).
        ...(options.lookup && !rest.proxyUrl ? { dnsLookup: options.lookup, http2: false } : {}),
        url: checked.href,
        method: 'GET',
        followRedirect: false,
        useHeaderGenerator: false,
        headers: {
          'user-agent': CRAWLER_USER_AGENT,
          accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1',
        },
      });
      const location = header(response.headers.location);
      if (response.statusCode >= 300 && response.statusCode < 400 && location !== '') {
        response.stream.destroy();
        if (hop >= maxRedirects) throw new FetchRefusedError('TOO_MANY_REDIRECTS', first);
        url = new URL(location, checked).href;
        redirectUrls.push(new URL(url));
        continue;
      }
      const exchange: GuardedExchange = {
        finalUrl: checked.href,
        status: response.statusCode,
        contentType: header(response.headers['content-type']),
        raw: null,
        bytes: 0,
      };
      options.exchanges?.set(first, exchange);
      const declared = Number(header(response.headers['content-length']));
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.stream.destroy();
        throw new FetchRefusedError('TOO_LARGE', checked.href);
      }
      const chunks: Buffer[] = [];
      const capped = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          exchange.bytes += chunk.byteLength;
          if (exchange.bytes > maxBytes) {
            done(new FetchRefusedError('TOO_LARGE', checked.href));
            return;
          }
          chunks.push(chunk);
          done(null, chunk);
        },
        flush(done) {
          exchange.raw = Buffer.concat(chunks);
          done();
        },
      });
      response.stream.on('error', (error) => capped.destroy(error));
      capped.on('close', () => response.stream.destroy());
      response.stream.pipe(capped);
      return {
        ...response,
        url: checked.href,
        redirectUrls,
        stream: capped,
        downloadProgress: response.downloadProgress,
        uploadProgress: response.uploadProgress,
      };
    }
  }

  return {
    stream,
    async sendRequest<T extends keyof ResponseTypes = 'text'>(
      request: HttpRequest<T>,
    ): Promise<HttpResponse<T>> {
      // Crawlers here never send side requests: refuse rather than bypass the policy.
      throw new FetchRefusedError('SEND_REQUEST_FORBIDDEN', String(request.url));
    },
  };
}
