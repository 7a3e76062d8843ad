import { frontierUrls, hosts } from '@plaza/db';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { refuseQueuedUrls } from './add-urls.ts';
import { hostRobotsPolicy } from './host-robots-policy.ts';
import { checkResolvedHost } from './resolve-check.ts';
import { parseRobots } from './robots.ts';

/** How long a claimed host is left to the process that claimed it. */
const CLAIM_MS = 60_000;
/** After a failed robots.txt fetch, try again this soon (the host stays closed meanwhile). */
const ERROR_RETRY_MS = 10 * 60_000;
/** Crawl-delay is capped (Nutch caps it at 30 s). */
const MAX_CRAWL_DELAY_MS = 30_000;
/** robots.txt bodies past this are cut (RFC 9309 asks crawlers to read at least 500 KiB). */
const ROBOTS_MAX_BYTES = 500 * 1024;

export interface RefreshHostsResult {
  checked: number;
  ok: number;
  closed: number;
}

/**
 * Brings hosts' robots.txt up to date: claims up to `limit` hosts whose robots.txt is unknown or
 * expired, checks that their DNS answers are public, fetches robots.txt, and records the policy.
 * 2xx → its rules; 4xx → allow all; 5xx or a network failure → closed until a retry (fail closed).
 * URLs the new policy refuses leave the queue with the reason.
 */
export async function refreshHosts(
  deps: Pick<
    Deps,
    'db' | 'clock' | 'config' | 'resolver' | 'fetchText' | 'metrics' | 'logger' | 'resolveCache'
  >,
  limit = 16,
): Promise<RefreshHostsResult> {
  const now = deps.clock.now();
  const claimed = await deps.db.rows<{ host: string }>(
    sql`
      update hosts set robots_expires_at = ${new Date(now.getTime() + CLAIM_MS).toISOString()}
      where host in (
        select host from hosts
        where refused_reason is null and (robots_expires_at is null or robots_expires_at <= ${now.toISOString()})
        order by robots_expires_at nulls first
        limit ${limit}
        for update skip locked
      )
      returning host`,
  );
  const result: RefreshHostsResult = { checked: claimed.length, ok: 0, closed: 0 };
  await Promise.all(
    claimed.map(async ({ host }) => {
      const state = await fetchHostState(deps, host);
      if (state.robotsState === 'ok') result.ok++;
      else result.closed++;
      await deps.db.db.transaction(async (tx) => {
        const [row] = await tx.update(hosts).set(state).where(eq(hosts.host, host)).returning();
        if (row) await refuseQueuedUrls(tx, host, hostRobotsPolicy(row));
      });
    }),
  );
  return result;
}

async function fetchHostState(
  deps: Pick<
    Deps,
    'db' | 'clock' | 'config' | 'resolver' | 'fetchText' | 'metrics' | 'logger' | 'resolveCache'
  >,
  host: string,
): Promise<Partial<typeof hosts.$inferInsert>> {
  const now = deps.clock.now();
  const resolved = await checkResolvedHost(host, deps.resolver, deps.resolveCache);
  if (!resolved.ok) {
    deps.metrics.robotsFetched.inc({ result: resolved.code });
    const robotsError = `${resolved.code}: ${resolved.reason}`;
    deps.logger.warn('host closed: DNS', { host, code: resolved.code, reason: resolved.reason });
    if (resolved.code === 'HOST_RESOLVES_PRIVATE') {
      return {
        refusedReason: resolved.code,
        robotsState: 'error',
        robotsFetchedAt: now,
        robotsError,
      };
    }
    return {
      robotsState: 'error',
      robotsStatus: 0,
      robotsFetchedAt: now,
      robotsExpiresAt: new Date(now.getTime() + ERROR_RETRY_MS),
      robotsError,
    };
  }
  const [sample] = await deps.db.db
    .select({ url: frontierUrls.url })
    .from(frontierUrls)
    .where(eq(frontierUrls.host, host))
    .limit(1);
  const scheme = sample ? new URL(sample.url).protocol : 'https:';
  const ttlMs = deps.config.PLAZA_ROBOTS_TTL_SECONDS * 1000;
  let status = 0;
  try {
    const response = await deps.fetchText(`${scheme}//${host}/robots.txt`, {
      maxBytes: ROBOTS_MAX_BYTES,
    });
    if (response.status >= 500) {
      status = response.status;
      throw new Error(`robots.txt answered ${response.status}`);
    }
    const text = response.status >= 200 && response.status < 300 ? response.body : '';
    const crawlDelaySeconds = parseRobots(text).crawlDelaySeconds ?? 0;
    deps.metrics.robotsFetched.inc({ result: String(response.status) });
    return {
      robotsState: 'ok',
      robotsStatus: response.status,
      robotsTxt: text,
      robotsFetchedAt: now,
      robotsExpiresAt: new Date(now.getTime() + ttlMs),
      crawlDelayMs: Math.min(MAX_CRAWL_DELAY_MS, Math.round(crawlDelaySeconds * 1000)),
      robotsError: null,
    };
  } catch (error) {
    deps.metrics.robotsFetched.inc({ result: 'error' });
    const reason = error instanceof Error ? error.message : String(error);
    deps.logger.warn('host closed: robots.txt fetch failed', {
      host,
      code: 'ROBOTS_ERROR',
      reason,
    });
    return {
      robotsState: 'error',
      robotsStatus: status,
      robotsError: `ROBOTS_ERROR: ${reason}`,
      robotsFetchedAt: now,
      robotsExpiresAt: new Date(now.getTime() + Math.min(ttlMs, ERROR_RETRY_MS)),
    };
  }
}
