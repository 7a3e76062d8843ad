import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/**
 * Reopens hosts after their re-fetch: each may be fetched again `delayMs` (the campaign's) or its
 * Crawl-delay after `at`, whichever is longer, as ingest reopens a host after a submitted job.
 */
export async function releaseHosts(
  deps: Pick<Deps, 'db'>,
  hosts: readonly { host: string; delayMs: number }[],
  at: Date,
): Promise<void> {
  if (hosts.length === 0) return;
  await deps.db.rows(
    sql`update hosts set next_fetch_at = ${at.toISOString()}::timestamptz
          + (greatest(hosts.crawl_delay_ms, v.delay) * interval '1 millisecond')
        from (
          select x->>'host' as host, (x->>'delayMs')::int as delay
          from jsonb_array_elements(${JSON.stringify(hosts)}::jsonb) as x
        ) v
        where hosts.host = v.host`,
  );
}
