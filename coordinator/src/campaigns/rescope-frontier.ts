import type { PlazaTx } from '@plaza/db';
import type { CampaignSpec, FrontierChange } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { compileScope } from '../frontier/scope.ts';

const PAGE = 5_000;

/**
 * Brings a campaign's frontier in line with its (edited) scope and page limit: queued URLs the
 * scope leaves out are refused (`URL_OUT_OF_SCOPE`), URLs refused that way earlier and back in
 * scope are queued again, and queued URLs past `maxPages` are refused (`MAX_PAGES_REACHED`) or,
 * when the limit grew, queued again. Hosts that got queued URLs are marked so leasing finds them.
 * Nothing leased, fetched or failed is touched.
 */
export async function rescopeFrontier(
  deps: Pick<Deps, 'db' | 'clock'>,
  tx: PlazaTx,
  campaign: { id: string; spec: CampaignSpec },
): Promise<FrontierChange> {
  const inScope = compileScope(campaign.spec.scope);
  const now = deps.clock.now().toISOString();
  const change: FrontierChange = { requeuedHosts: 0, requeued: 0, refused: 0 };
  // bigserial ids: numbers on PGlite, strings on postgres.js; used only in SQL again.
  let after: number | string = 0;
  for (;;) {
    const rows: { id: number | string; url: string; status: string }[] = await deps.db.rows(
      sql`select id, url, status from frontier_urls
          where campaign_id = ${campaign.id} and id > ${after}
            and (status = 'queued' or (status = 'refused' and reason = 'URL_OUT_OF_SCOPE'))
          order by id limit ${PAGE}`,
      tx,
    );
    if (rows.length === 0) break;
    const last: number | string | undefined = rows.at(-1)?.id;
    after = last ?? after;
    const out = rows.filter((r) => r.status === 'queued' && !inScope(new URL(r.url)));
    const back = rows.filter((r) => r.status === 'refused' && inScope(new URL(r.url)));
    change.refused += await setStatus(
      deps,
      tx,
      out.map((r) => r.id),
      'refused',
      'URL_OUT_OF_SCOPE',
      now,
    );
    change.requeued += await setStatus(
      deps,
      tx,
      back.map((r) => r.id),
      'queued',
      null,
      now,
    );
  }
  const limit = await applyPageLimit(deps, tx, campaign, now);
  change.refused += limit.refused;
  change.requeued += limit.requeued;
  change.requeuedHosts = await markHostsWithWork(deps, tx, campaign.id);
  return change;
}

async function setStatus(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  ids: (number | string)[],
  status: 'queued' | 'refused',
  reason: string | null,
  now: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const updated = await deps.db.rows(
    sql`update frontier_urls set status = ${status}, reason = ${reason}, updated_at = ${now}
        where id = any(${`{${ids.join(',')}}`}::bigint[]) returning id`,
    tx,
  );
  return updated.length;
}

/** Refuses the newest queued URLs past `maxPages`, or queues URLs refused for it when it grew. */
async function applyPageLimit(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  campaign: { id: string; spec: CampaignSpec },
  now: string,
): Promise<{ refused: number; requeued: number }> {
  const [counts] = await deps.db.rows<{ kept: number; queued: number }>(
    sql`select count(*) filter (where status in ('leased', 'done', 'failed'))::int as kept,
          count(*) filter (where status = 'queued')::int as queued
        from frontier_urls where campaign_id = ${campaign.id}`,
    tx,
  );
  const room = Math.max(0, campaign.spec.maxPages - (counts?.kept ?? 0));
  const queued = counts?.queued ?? 0;
  if (queued > room) {
    const refused = await deps.db.rows(
      sql`update frontier_urls set status = 'refused', reason = 'MAX_PAGES_REACHED', updated_at = ${now}
          where id in (select id from frontier_urls where campaign_id = ${campaign.id} and status = 'queued'
                       order by priority desc, id desc limit ${queued - room})
          returning id`,
      tx,
    );
    return { refused: refused.length, requeued: 0 };
  }
  const requeued = await deps.db.rows(
    sql`update frontier_urls set status = 'queued', reason = null, updated_at = ${now}
        where id in (select id from frontier_urls
                     where campaign_id = ${campaign.id} and status = 'refused' and reason = 'MAX_PAGES_REACHED'
                     order by priority, id limit ${room - queued})
        returning id`,
    tx,
  );
  return { refused: 0, requeued: requeued.length };
}

/**
 * Marks the hosts with queued URLs of the campaign as having work (leasing clears the mark on hosts
 * it finds without work for an active campaign, e.g. while the campaign was paused). Returns how
 * many hosts were marked.
 */
export async function markHostsWithWork(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  campaignId: string,
): Promise<number> {
  const marked = await deps.db.rows(
    sql`update hosts set has_queued = true
        where not has_queued and host in (
          select distinct host from frontier_urls where campaign_id = ${campaignId} and status = 'queued')
        returning host`,
    tx,
  );
  return marked.length;
}
