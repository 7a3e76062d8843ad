import type { Clock } from '../../clock.ts';

/** Answer of {@link TokenBuckets.take}. */
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Per-key token buckets; build with {@link createTokenBuckets}. */
export interface TokenBuckets {
  /** Takes one token from `key`'s bucket of `perMinute` tokens (refilled evenly over a minute). */
  take(key: string, perMinute: number): TakeResult;
  /** Keys held now. */
  readonly size: number;
}

/**
 * In-memory token buckets, one per key (a client address, a device, an account), held by one
 * coordinator process and passed in explicitly. A bucket holds up to `perMinute` tokens and gains
 * `perMinute / 60` a second, so a client may burst up to a minute's worth and then goes at the
 * average rate. At most `maxKeys` buckets are kept; past that the least recently used goes (it
 * comes back full, which only ever favours its client). Several processes each keep their own:
 * the limit a client meets is per process.
 *
 * @example
 * const buckets = createTokenBuckets({ clock });
 * buckets.take('ip:203.0.113.5', 1200); // { ok: true }
 */
export function createTokenBuckets(params: { clock: Clock; maxKeys?: number }): TokenBuckets {
  const maxKeys = params.maxKeys ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, perMinute) {
      const now = params.clock.now().getTime();
      const perMs = perMinute / 60_000;
      const bucket = buckets.get(key);
      let tokens = perMinute;
      if (bucket) {
        tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
        buckets.delete(key);
      }
      const ok = tokens >= 1;
      if (ok) tokens -= 1;
      buckets.set(key, { tokens, at: now });
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      if (ok) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    },
    get size() {
      return buckets.size;
    },
  };
}
