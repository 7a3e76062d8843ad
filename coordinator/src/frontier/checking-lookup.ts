import type { LookupAddress, LookupOptions } from 'node:dns';
import { FetchRefusedError } from './fetch-text.ts';
import type { ResolveCache } from './resolve-cache.ts';
import { checkResolvedHost, type Resolver } from './resolve-check.ts';

/** The `lookup` of `net.connect`, `http.request` and got's `dnsLookup`, as Node calls it. */
export type ConnectLookup = (
  hostname: string,
  options: LookupOptions,
  callback: (
    error: NodeJS.ErrnoException | null,
    address: string | LookupAddress[],
    family?: number,
  ) => void,
) => void;

function wantedFamily(family: LookupOptions['family']): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/**
 * A `lookup` for the coordinator's own connections that only ever hands the socket addresses the
 * DNS check passed: it answers with `checkResolvedHost` (every address public, else the refusal as
 * the error code, `HOST_RESOLVES_PRIVATE` …), reading the same cache as the check made before the
 * request. So a connection goes to the addresses that were checked (pinned while the cache holds
 * them), and a name that answers differently the next time (DNS rebinding: public for the check,
 * 127.0.0.1 for the connection) is checked again instead of trusted.
 *
 * @example
 * const lookup = createCheckingLookup({ resolver, resolveCache });
 * http.request({ host: 'news.example.com', lookup });
 */
export function createCheckingLookup(deps: {
  resolver: Resolver;
  resolveCache?: ResolveCache | undefined;
}): ConnectLookup {
  return (hostname, options, callback) => {
    checkResolvedHost(hostname, deps.resolver, deps.resolveCache).then(
      (verdict) => {
        if (!verdict.ok) {
          callback(new FetchRefusedError(verdict.code, hostname), '');
          return;
        }
        const family = wantedFamily(options.family);
        const answers = verdict.addresses
          .map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
          .filter((answer) => family === 0 || answer.family === family);
        const [first] = answers;
        if (!first) {
          const error = new Error(`Host ${hostname} has no IPv${family} address.`);
          callback(Object.assign(error, { code: 'ENOTFOUND', hostname }), '');
        } else if (options.all) {
          callback(null, answers);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
