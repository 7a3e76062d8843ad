import { type SQL, sql } from 'drizzle-orm';

/** What the shared steps of a lease and a claim are built from. */
export interface ReadyHostsSqlParams {
  /** Now, ISO: hosts whose window and robots.txt allow a fetch now are ready. */
  nowIso: string;
  /** Ready hosts taken at most. */
  limit: number;
  /** An extra condition on the host's queued URLs (`and f.campaign_id = …`), or empty. */
  urlFilter: SQL;
}

/**
 * The first common table expressions of a lease and of a ready-queue claim (one choice, written
 * once): `ready`, the ready hosts from the partial index (`has_queued`, robots known, not
 * refused), oldest window first, locked `FOR UPDATE SKIP LOCKED` so processes take disjoint
 * hosts; `picked`, each ready host with its first queued URL of an active campaign (null columns
 * where it has none). Starts with `with`; the statement goes on with `, <next cte> as (…)`.
 */
export function readyHostsSql(params: ReadyHostsSqlParams): SQL {
  return sql`
      with ready as (
        select h.host, h.next_fetch_at from hosts h
        where h.has_queued and h.robots_state = 'ok' and h.refused_reason is null
          and h.next_fetch_at <= ${params.nowIso}
          and h.robots_expires_at > ${params.nowIso}
        order by h.next_fetch_at
        limit ${params.limit}
        for update of h skip locked
      ),
      picked as (
        select r.host, r.next_fetch_at, f.id, f.campaign_id, f.url, f.extraction
        from ready r
        left join lateral (
          select f.id, f.campaign_id, f.url, c.spec->>'extraction' as extraction
          from frontier_urls f
          join campaigns c on c.id = f.campaign_id and c.status = 'active'
          where f.host = r.host and f.status = 'queued' ${params.urlFilter}
          order by f.priority, f.id
          limit 1
        ) f on true
      )`;
}

/**
 * The `closed_hosts` step of a lease and of a claim: each picked host stays closed until
 * `closedUntilIso` and its `has_queued` flag is recomputed; a host found empty gets
 * `emptyHasQueued` (`false` clears it; `h.has_queued` keeps it, for a lease filtered to one
 * campaign). Starts with a comma, to follow `readyHostsSql`.
 */
export function closePickedHostsSql(params: { closedUntilIso: string; emptyHasQueued: SQL }): SQL {
  return sql`,
      closed_hosts as (
        update hosts h set
          next_fetch_at = case when p.id is null then h.next_fetch_at else ${params.closedUntilIso}::timestamptz end,
          has_queued = case
            when p.id is null then ${params.emptyHasQueued}
            else exists (
              select 1 from frontier_urls f2
              where f2.host = h.host and f2.status = 'queued' and f2.id <> p.id
            )
          end
        from picked p
        where h.host = p.host
        returning h.host
      )`;
}

/** A picked URL's extraction mode as a job names it (`article` unless the campaign says full text). */
export function extractionOf(value: string | null): 'article' | 'full-text' {
  return value === 'full-text' ? 'full-text' : 'article';
}
