import { MAX_ROBOTS_BYTES, parseRobots, type RobotsPolicy } from '@plaza/protocol';
import { idbRequest, idbTransaction, stores } from './db/idb.ts';
import { decodeBody, type EgressFetchResult } from './egress-fetch.ts';

/** How a robots.txt fetch ended, per RFC 9309 §2.3.1. */
export type RobotsState = 'parsed' | 'unavailable' | 'unreachable';

/** A cached robots.txt verdict for one origin. */
export interface RobotsRecord {
  /** `https://news.example.com` */
  origin: string;
  state: RobotsState;
  /** The file, for `parsed`. */
  text: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** Where robots records persist between service-worker lives. */
export interface RobotsCache {
  get(origin: string): Promise<RobotsRecord | undefined>;
  put(record: RobotsRecord): Promise<void>;
}

/** Why a URL may not be fetched. */
export type RobotsRefusal = 'ROBOTS_DISALLOWED' | 'ROBOTS_UNREACHABLE';

export type RobotsVerdict = { ok: true } | { ok: false; code: RobotsRefusal; reason: string };

/** Options of {@link createRobotsGate}; `C` is what a check passes on to the fetch (its job's context). */
export interface RobotsGateOptions<C = void> {
  /**
   * Fetches `/robots.txt` under the egress policy (`egressFetch` with `oversize: 'truncate'`),
   * for the check that asked first, with that check's context.
   */
  fetchRobots: (robotsUrl: string, context: C) => Promise<EgressFetchResult>;
  cache: RobotsCache;
  now?: () => number;
  /** How long a fetched file is trusted. @default 24 h */
  ttlMs?: number;
  /** How long an unreachable robots.txt keeps its host closed. @default 10 min */
  errorTtlMs?: number;
  /** In-memory records kept. @default 500 */
  memoryLimit?: number;
}

/** Checks a URL against its host's robots.txt. */
export interface RobotsGate<C = void> {
  /** The verdict for `url`; a fetch it needs runs with `context` (the asking job's). */
  check(url: URL, context: C): Promise<RobotsVerdict>;
}

/**
 * The extension's own robots.txt check, a second line behind the coordinator's: a coordinator
 * that leases a disallowed URL (by bug or by malice) still gets no fetch. Each origin's
 * robots.txt is fetched once per `ttlMs` under the egress policy and read with the coordinator's
 * parser (`parseRobots`, user agent PlazaBot). 2xx: its rules; 4xx, a redirect (browsers hide
 * the target) or an unreadable type: allow all; 5xx, 429, timeout or network error: everything
 * refused until `errorTtlMs` passed (fail closed).
 *
 * @example
 * const gate = createRobotsGate({ fetchRobots: (u) => egressFetch(u, { oversize: 'truncate' }), cache });
 * const verdict = await gate.check(new URL('https://blog.example.org/private/x'));
 */
export function createRobotsGate<C = void>(options: RobotsGateOptions<C>): RobotsGate<C> {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 24 * 60 * 60_000;
  const errorTtlMs = options.errorTtlMs ?? 10 * 60_000;
  const memoryLimit = options.memoryLimit ?? 500;
  const memory = new Map<string, { record: RobotsRecord; policy: RobotsPolicy | null }>();
  const inFlight = new Map<string, Promise<RobotsRecord>>();

  async function fetchRecord(origin: string, context: C): Promise<RobotsRecord> {
    const result = await options.fetchRobots(`${origin}/robots.txt`, context);
    const at = now();
    const record = (state: RobotsState, text = ''): RobotsRecord => ({
      origin,
      state,
      text,
      expiresAt: at + (state === 'unreachable' ? errorTtlMs : ttlMs),
    });
    switch (result.outcome) {
      case 'ok':
        return record('parsed', decodeBody(result.body!, result.contentType));
      case 'http_error':
        return result.status >= 400 && result.status < 500 && result.status !== 429
          ? record('unavailable')
          : record('unreachable');
      case 'redirect':
      case 'bad_content_type':
        return record('unavailable');
      default:
        return record('unreachable');
    }
  }

  async function recordFor(
    origin: string,
    context: C,
  ): Promise<{
    record: RobotsRecord;
    policy: RobotsPolicy | null;
  }> {
    const remembered = memory.get(origin);
    if (remembered && remembered.record.expiresAt > now()) return remembered;
    let record = await options.cache.get(origin);
    if (!record || record.expiresAt <= now()) {
      let pending = inFlight.get(origin);
      if (!pending) {
        pending = fetchRecord(origin, context).finally(() => inFlight.delete(origin));
        inFlight.set(origin, pending);
        record = await pending;
        await options.cache.put(record);
      } else {
        record = await pending;
      }
    }
    const entry = {
      record,
      policy:
        record.state === 'parsed' ? parseRobots(record.text.slice(0, MAX_ROBOTS_BYTES)) : null,
    };
    if (memory.size >= memoryLimit) memory.delete(memory.keys().next().value!);
    memory.set(origin, entry);
    return entry;
  }

  return {
    async check(url, context) {
      const { record, policy } = await recordFor(url.origin, context);
      if (record.state === 'unreachable') {
        return {
          ok: false,
          code: 'ROBOTS_UNREACHABLE',
          reason: `${url.origin}/robots.txt could not be read; the host stays closed for now.`,
        };
      }
      if (policy && !policy.isAllowed(url.pathname + url.search)) {
        return {
          ok: false,
          code: 'ROBOTS_DISALLOWED',
          reason: `${url.origin}/robots.txt disallows ${url.pathname}.`,
        };
      }
      return { ok: true };
    },
  };
}

/** A {@link RobotsCache} over the `robots` store of the extension's database. */
export function createIdbRobotsCache(db: IDBDatabase): RobotsCache {
  return {
    get: (origin) =>
      idbTransaction(db, stores.robots, 'readonly', (tx) =>
        idbRequest(
          tx.objectStore(stores.robots).get(origin) as IDBRequest<RobotsRecord | undefined>,
        ),
      ),
    put: (record) =>
      idbTransaction(db, stores.robots, 'readwrite', async (tx) => {
        await idbRequest(tx.objectStore(stores.robots).put(record));
      }),
  };
}
