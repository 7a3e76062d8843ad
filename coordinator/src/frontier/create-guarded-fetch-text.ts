import { createCheckingLookup } from './checking-lookup.ts';
import { createFetchText, type FetchText } from './fetch-text.ts';
import { createPinnedFetch } from './pinned-fetch.ts';
import type { ResolveCache } from './resolve-cache.ts';
import { checkResolvedHost, type Resolver } from './resolve-check.ts';

/**
 * The coordinator's own {@link FetchText} (robots.txt, sitemaps, redirect resolution): every hop
 * passes the egress policy and the DNS check (`checkResolvedHost`), then connects to the addresses
 * that check passed (`createPinnedFetch` with `createCheckingLookup`, reading the same cache), so a
 * name cannot answer public to the check and private to the connection.
 *
 * @example
 * const fetchText = createGuardedFetchText({ resolver: dnsResolver, resolveCache });
 * const robots = await fetchText('https://news.example.com/robots.txt');
 */
export function createGuardedFetchText(deps: {
  resolver: Resolver;
  resolveCache?: ResolveCache | undefined;
}): FetchText {
  return createFetchText({
    fetch: createPinnedFetch(createCheckingLookup(deps)),
    checkHost: async (host) => {
      const verdict = await checkResolvedHost(host, deps.resolver, deps.resolveCache);
      if (!verdict.ok) throw new Error(`${host}: ${verdict.code}`);
    },
  });
}
