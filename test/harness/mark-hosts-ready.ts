import type { Sql } from 'postgres';

/** Runs one parameterized SQL statement: a `postgres` client or a PGlite instance, adapted. */
export type SqlRunner = (text: string, params: readonly unknown[]) => Promise<unknown>;

/** A {@link SqlRunner} over a `postgres` (postgres.js) client. */
export function postgresRunner(sql: Sql): SqlRunner {
  return (text, params) => sql.unsafe(text, params as never[]);
}

/** A {@link SqlRunner} over a PGlite instance (`db.pglite` of `@plaza/db`). */
export function pgliteRunner(pglite: {
  query: (text: string, params?: unknown[]) => Promise<unknown>;
}): SqlRunner {
  return (text, params) => pglite.query(text, [...params]);
}

/**
 * Test setup: records `hosts` as having an empty robots.txt (allow all, no Crawl-delay) that is
 * valid for a day, and as free to fetch now, so the coordinator can lease their URLs without its
 * robots.txt loop reaching the (fake, offline) hosts. Call it before the campaign is created: the
 * rows then exist already and the loop never claims them. Hosts already present are updated.
 */
export async function markHostsReady(run: SqlRunner, hosts: readonly string[]): Promise<void> {
  if (hosts.length === 0) return;
  await run(
    `insert into hosts (host, next_fetch_at, robots_state, robots_status, robots_txt,
                        robots_fetched_at, robots_expires_at, crawl_delay_ms, refused_reason)
     select h, now(), 'ok', 404, '', now(), now() + interval '1 day', 0, null
     from jsonb_array_elements_text($1::text::jsonb) as h
     on conflict (host) do update set
       robots_state = 'ok', robots_status = 404, robots_txt = '', robots_fetched_at = now(),
       robots_expires_at = now() + interval '1 day', crawl_delay_ms = 0, refused_reason = null`,
    [JSON.stringify(hosts)],
  );
}
