import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { ConnectLookup } from './checking-lookup.ts';

/** The part of `fetch` that `createFetchText` uses. */
export type PinnedFetch = (
  url: URL,
  init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal },
) => Promise<Response>;

/**
 * A GET over `node:http`/`node:https` whose connection takes its address from `lookup` (the global
 * fetch offers no such hook): with `createCheckingLookup`, the coordinator's own fetches
 * (robots.txt, sitemaps, redirect resolution) connect only to addresses the DNS check passed.
 * Redirects are never followed (the caller checks every hop); no body is sent; no
 * `Accept-Encoding`, so the body comes as served; TLS certificates are verified.
 *
 * @example
 * const fetchText = createFetchText({ fetch: createPinnedFetch(createCheckingLookup(deps)) });
 */
export function createPinnedFetch(lookup: ConnectLookup): PinnedFetch {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = request(
        url,
        { method: init.method, headers: init.headers, lookup, agent: false, signal: init.signal },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 599) {
            res.destroy();
            reject(new Error(`${url.host} answered with status ${status}.`));
            return;
          }
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const one of Array.isArray(value) ? value : [value ?? ''])
              headers.append(name, one);
          }
          if (status === 204 || status === 304) {
            res.resume();
            resolve(new Response(null, { status, headers }));
            return;
          }
          resolve(
            new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status, headers }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
}
