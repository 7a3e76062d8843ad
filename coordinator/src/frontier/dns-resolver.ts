import { lookup as dnsLookup } from 'node:dns/promises';
import type { Resolver } from './resolve-check.ts';

/** The part of `node:dns/promises` `lookup` the resolver uses; tests pass a fake. */
export type LookupAll = (
  host: string,
  options: { all: true; verbatim: true },
) => Promise<{ address: string; family: number }[]>;

/** Options of {@link createDnsResolver}. */
export interface CreateDnsResolverOptions {
  /**
   * Longest wait for an answer; the lookup then rejects with code `ETIMEOUT`.
   * @default 5_000
   */
  timeoutMs?: number;
  /**
   * The lookup to use.
   * @default lookup from node:dns/promises
   */
  lookup?: LookupAll;
}

/**
 * Builds a {@link Resolver} on the operating system's resolver (`getaddrinfo` through
 * `dns.lookup` with `all: true`), so `/etc/hosts` and local search rules count exactly as they
 * would for a real connection from this machine. The answer lists every A and AAAA address.
 *
 * @example
 * ```ts
 * const resolver = createDnsResolver({ timeoutMs: 2_000 });
 * await resolver('example.com'); // ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']
 * ```
 */
export function createDnsResolver(options: CreateDnsResolverOptions = {}): Resolver {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const lookup = options.lookup ?? (dnsLookup as LookupAll);
  return async (host) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          Object.assign(new Error(`DNS lookup of ${host} took over ${timeoutMs} ms.`), {
            code: 'ETIMEOUT',
          }),
        );
      }, timeoutMs);
    });
    try {
      const answers = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
      return answers.map((answer) => answer.address);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The default {@link Resolver}: {@link createDnsResolver} with its defaults. */
export const dnsResolver: Resolver = createDnsResolver();
