import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { CheckResolvedHostResult } from './resolve-check.ts';

/** Where `checkResolvedHost` keeps recent answers. Build one with {@link createResolveCache}. */
export interface ResolveCache {
  /** The answer for a normalized host if it has not expired. */
  get(host: string): CheckResolvedHostResult | undefined;
  /** Stores an answer; its lifetime depends on whether it can change soon. */
  set(host: string, result: CheckResolvedHostResult): void;
  /** How many answers are held (expired ones included until touched or evicted). */
  readonly size: number;
}

/** Options of {@link createResolveCache}. */
export interface CreateResolveCacheOptions {
  /**
   * Lifetime of a definite answer (resolved, all public; or resolves to a private address).
   * @default 60_000
   */
  ttlMs?: number;
  /**
   * Lifetime of a `HOST_UNRESOLVABLE` answer, short so a DNS hiccup does not stick.
   * @default 5_000
   */
  failureTtlMs?: number;
  /**
   * Most hosts held; past it the oldest entry goes first.
   * @default 10_000
   */
  maxEntries?: number;
  /**
   * Where the time is read.
   * @default systemClock
   */
  clock?: Clock;
}

/**
 * A small TTL cache of resolved-host answers, one per coordinator process and passed in
 * explicitly (no module state). Entries live `ttlMs` (`failureTtlMs` for unresolvable hosts) and
 * the oldest are evicted past `maxEntries`.
 *
 * @example
 * ```ts
 * const resolveCache = createResolveCache({ ttlMs: 30_000, clock });
 * await checkResolvedHost('example.com', dnsResolver, resolveCache);
 * ```
 */
export function createResolveCache(options: CreateResolveCacheOptions = {}): ResolveCache {
  const ttlMs = options.ttlMs ?? 60_000;
  const failureTtlMs = options.failureTtlMs ?? 5_000;
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, { result: CheckResolvedHostResult; expiresAt: number }>();

  return {
    get(host) {
      const entry = entries.get(host);
      if (!entry) return undefined;
      if (entry.expiresAt <= clock.now().getTime()) {
        entries.delete(host);
        return undefined;
      }
      return entry.result;
    },
    set(host, result) {
      const lifetime = !result.ok && result.code === 'HOST_UNRESOLVABLE' ? failureTtlMs : ttlMs;
      if (lifetime <= 0) return;
      entries.delete(host);
      entries.set(host, { result, expiresAt: clock.now().getTime() + lifetime });
      // Maps iterate in insertion order, so the first key is the oldest entry.
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
