import { frontierUrls, hosts, type PlazaTx } from '@plaza/db';
import { type CampaignSpec, checkEgressUrl } from '@plaza/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { hostRobotsPolicy } from './host-robots-policy.ts';
import { normalizeUrl } from './normalize-url.ts';
import { compileScope } from './scope.ts';

/** A URL offered to a campaign's frontier. */
export interface FrontierEntry {
  url: string;
  depth?: number;
  discoveredFrom?: number | null;
}

export interface AddUrlsResult {
  /** New URLs queued (or recorded as refused by robots.txt or a private host). */
  added: number;
  /** URLs that never entered the frontier, with the reason. */
  refused: { url: string; code: string }[];
}

/** How many refusals an answer lists at most; the rest are only counted in metrics. */
const MAX_LISTED_REFUSALS = 100;

/**
 * Adds URLs to a campaign's frontier: each is normalized, checked against the egress policy and
 * the campaign's scope, and inserted once (a URL already there is ignored). URLs of hosts whose
 * robots.txt disallows them, or whose DNS answers are private, are recorded as refused so the
 * operator sees why. Stops at the campaign's `maxPages`.
 */
export async function addUrls(
  deps: Pick<Deps, 'db' | 'clock' | 'metrics'>,
  tx: PlazaTx,
  campaign: { id: string; spec: CampaignSpec },
  entries: readonly FrontierEntry[],
): Promise<AddUrlsResult> {
  const refused: AddUrlsResult['refused'] = [];
  const refuse = (url: string, code: string) => {
    deps.metrics.frontierRefused.inc({ reason: code });
    if (refused.length < MAX_LISTED_REFUSALS) refused.push({ url, code });
  };
  const inScope = compileScope(campaign.spec.scope);
  const accepted = new Map<string, { url: string; host: string; entry: FrontierEntry }>();
  for (const entry of entries) {
    const normalized = normalizeUrl(entry.url);
    if (!normalized.ok) {
      refuse(entry.url, normalized.code);
      continue;
    }
    const egress = checkEgressUrl(normalized.url);
    if (!egress.ok) {
      refuse(entry.url, egress.code);
      continue;
    }
    if (!inScope(egress.url)) {
      refuse(entry.url, 'URL_OUT_OF_SCOPE');
      continue;
    }
    if (!accepted.has(normalized.url)) {
      accepted.set(normalized.url, { url: normalized.url, host: egress.url.hostname, entry });
    }
  }
  if (accepted.size === 0) return { added: 0, refused };

  const [{ count } = { count: 0 }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(frontierUrls)
    .where(eq(frontierUrls.campaignId, campaign.id));
  const room = Math.max(0, campaign.spec.maxPages - Number(count));
  let candidates = [...accepted.values()];
  if (candidates.length > room) {
    for (const c of candidates.slice(room)) refuse(c.url, 'MAX_PAGES_REACHED');
    candidates = candidates.slice(0, room);
  }
  if (candidates.length === 0) return { added: 0, refused };

  const hostNames = [...new Set(candidates.map((c) => c.host))].sort();
  const now = deps.clock.now();
  // One JSON parameter per statement, whatever the number of URLs (bound parameters cap at 65,535).
  await deps.db.rows(
    sql`insert into hosts (host, next_fetch_at)
        select h, ${now.toISOString()}::timestamptz from unnest(${textArray(hostNames)}::text[]) as h
        on conflict do nothing`,
    tx,
  );
  const hostRows = await tx
    .select()
    .from(hosts)
    .where(sql`${hosts.host} = any(${textArray(hostNames)}::text[])`);
  const policies = new Map(hostRows.map((row) => [row.host, hostRobotsPolicy(row)]));

  const rows = candidates
    .map((c) => {
      const verdict = policies.get(c.host)?.(new URL(c.url)) ?? null;
      return {
        campaign_id: campaign.id,
        url: c.url,
        host: c.host,
        depth: c.entry.depth ?? 0,
        discovered_from: c.entry.discoveredFrom ?? null,
        status: verdict ? 'refused' : 'queued',
        reason: verdict,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
    })
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const inserted = await deps.db.rows<{ host: string; status: string }>(
    sql`insert into frontier_urls (campaign_id, url, host, depth, discovered_from, status, reason, created_at, updated_at)
        select campaign_id, url, host, depth, discovered_from, status, reason, created_at, updated_at
        from json_populate_recordset(null::frontier_urls, ${JSON.stringify(rows)}::json)
        on conflict do nothing
        returning host, status`,
    tx,
  );
  const withWork = [...new Set(inserted.filter((r) => r.status === 'queued').map((r) => r.host))];
  if (withWork.length > 0) {
    await tx
      .update(hosts)
      .set({ hasQueued: true })
      .where(
        and(
          sql`${hosts.host} = any(${textArray(withWork.sort())}::text[])`,
          eq(hosts.hasQueued, false),
        ),
      );
  }
  deps.metrics.frontierAdded.inc(inserted.length);
  return { added: inserted.length, refused };
}

/** Marks the queued URLs of a host that its (new) robots policy refuses. */
export async function refuseQueuedUrls(
  tx: PlazaTx,
  host: string,
  verdict: (url: URL) => string | null,
): Promise<number> {
  const queued = await tx
    .select({ id: frontierUrls.id, url: frontierUrls.url })
    .from(frontierUrls)
    .where(and(eq(frontierUrls.host, host), eq(frontierUrls.status, 'queued')));
  const byReason = new Map<string, number[]>();
  for (const row of queued) {
    const reason = verdict(new URL(row.url));
    if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), row.id]);
  }
  let count = 0;
  for (const [reason, ids] of byReason) {
    await tx
      .update(frontierUrls)
      .set({ status: 'refused', reason })
      .where(inArray(frontierUrls.id, ids));
    count += ids.length;
  }
  return count;
}

/** A PostgreSQL text[] literal of host names (letters, digits, dots and dashes only). */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v}"`).join(',')}}`;
}
