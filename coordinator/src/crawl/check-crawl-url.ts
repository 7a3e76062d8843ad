import { checkEgressUrl } from '@plaza/protocol';
import { FetchRefusedError } from '../frontier/fetch-text.ts';
import type { ResolveCache } from '../frontier/resolve-cache.ts';
import { checkResolvedHost, type Resolver } from '../frontier/resolve-check.ts';

/**
 * The check every hop of a coordinator crawl passes before it is fetched: the protocol's egress
 * policy (`checkEgressUrl`: http(s), ports 80/443, no IP literals, localhost, special-use or
 * suffix-less hosts), then the DNS check (`checkResolvedHost`: every answer public). Returns the
 * URL to fetch; throws {@link FetchRefusedError} with the refusal code.
 *
 * @example
 * const url = await checkCrawlUrl('https://news.example.com/a', { resolver, resolveCache });
 */
export async function checkCrawlUrl(
  url: string,
  deps: { resolver: Resolver; resolveCache?: ResolveCache },
): Promise<URL> {
  const checked = checkEgressUrl(url);
  if (!checked.ok) throw new FetchRefusedError(checked.code, url);
  const resolved = await checkResolvedHost(checked.url.hostname, deps.resolver, deps.resolveCache);
  if (!resolved.ok) throw new FetchRefusedError(resolved.code, url);
  return checked.url;
}
