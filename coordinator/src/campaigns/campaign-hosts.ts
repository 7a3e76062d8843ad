import type { CampaignHost, CampaignHostsResponse, HostBlocker } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { getCampaign } from './get-campaign.ts';

interface HostRow extends Record<string, unknown> {
  host: string;
  urls: Record<string, number>;
  reasons: Record<string, number> | null;
  robots_state: 'unknown' | 'ok' | 'error' | null;
  robots_status: number | null;
  robots_fetched_at: string | Date | null;
  robots_expires_at: string | Date | null;
  robots_error: string | null;
  crawl_delay_ms: number | null;
  refused_reason: string | null;
  next_fetch_at: string | Date | null;
}

const iso = (value: string | Date | null) =>
  value === null ? null : new Date(value).toISOString();

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What holds one host back, most fundamental first. */
function blockersOf(
  row: HostRow,
  campaign: { status: string; minDelayMs: number; maxAttempts: number },
): HostBlocker[] {
  const queued = row.urls.queued ?? 0;
  const reasons = row.reasons ?? {};
  const blockers: HostBlocker[] = [];
  const retry = iso(row.robots_expires_at);
  if (queued > 0 && campaign.status !== 'active') {
    const code = campaign.status === 'closed' ? 'CAMPAIGN_CLOSED' : 'CAMPAIGN_PAUSED';
    blockers.push({ code, message: `The campaign is ${campaign.status}.`, until: null });
  }
  if (row.refused_reason) {
    blockers.push({
      code: 'HOST_RESOLVES_PRIVATE',
      message: `DNS refused: ${row.robots_error?.replace(/^[A-Z_]+: /, '') ?? 'the host resolves to a non-public address'}; the host is never fetched.`,
      until: null,
    });
  } else if (row.robots_state === 'unknown' || row.robots_state === null) {
    if (queued > 0) {
      blockers.push({
        code: 'ROBOTS_PENDING',
        message: 'robots.txt has not been checked yet.',
        until: null,
      });
    }
  } else if (row.robots_state === 'error') {
    const [code, ...rest] = (row.robots_error ?? 'ROBOTS_ERROR: the last check failed').split(': ');
    const why = rest.join(': ');
    blockers.push(
      code === 'HOST_UNRESOLVABLE'
        ? {
            code,
            message: `DNS: the host does not resolve (${why}); checked again later.`,
            until: retry,
          }
        : {
            code: 'ROBOTS_ERROR',
            message: `robots.txt could not be read (${why || `status ${row.robots_status ?? 0}`}); the host stays closed until it can (fail closed).`,
            until: retry,
          },
    );
  }
  const disallowed = reasons.ROBOTS_DISALLOWED ?? 0;
  if (disallowed > 0) {
    blockers.push({
      code: 'ROBOTS_DISALLOWED',
      message: `robots.txt disallows ${plural(disallowed, 'URL')} of this campaign.`,
      until: null,
    });
  }
  const delay = row.crawl_delay_ms ?? 0;
  if (delay > campaign.minDelayMs) {
    blockers.push({
      code: 'CRAWL_DELAY',
      message: `robots.txt asks for ${delay / 1000} s between fetches (the campaign's own delay is ${campaign.minDelayMs / 1000} s).`,
      until: iso(row.next_fetch_at),
    });
  }
  const failed = row.urls.failed ?? 0;
  if (failed > 0) {
    blockers.push({
      code: 'FETCH_FAILURES',
      message: `${plural(failed, 'URL')} failed after ${campaign.maxAttempts} leases each.`,
      until: null,
    });
  }
  const capped = reasons.MAX_PAGES_REACHED ?? 0;
  if (capped > 0) {
    blockers.push({
      code: 'MAX_PAGES_REACHED',
      message: `${plural(capped, 'URL')} left out: the campaign reached maxPages.`,
      until: null,
    });
  }
  return blockers;
}

/**
 * Why a campaign is stuck, per host: its URLs by status and, in words with a code, what holds it
 * back (a paused campaign, robots.txt pending, unreadable or disallowing, DNS unresolvable or
 * private, a crawl-delay above the campaign's, failed URLs, the page limit). Hosts with blockers
 * and queued URLs come first; at most `limit` hosts are listed.
 */
export async function campaignHosts(
  deps: Pick<Deps, 'db' | 'config'>,
  campaignId: string,
  limit = 100,
): Promise<CampaignHostsResponse> {
  const { campaign } = await getCampaign(deps, campaignId);
  const rows = await deps.db.rows<HostRow>(
    sql`with counts as (
          select host, status, reason, count(*)::int as n
          from frontier_urls where campaign_id = ${campaignId}
          group by host, status, reason),
        per_host as (
          select host,
            (select json_object_agg(status, n) from (
               select status, sum(n)::int as n from counts c2 where c2.host = c.host group by status) s) as urls,
            (select json_object_agg(reason, n) from (
               select reason, sum(n)::int as n from counts c3
               where c3.host = c.host and c3.reason is not null group by reason) r) as reasons
          from counts c group by host)
        select p.host, p.urls, p.reasons, h.robots_state, h.robots_status, h.robots_fetched_at,
          h.robots_expires_at, h.robots_error, h.crawl_delay_ms, h.refused_reason, h.next_fetch_at
        from per_host p left join hosts h on h.host = p.host
        order by p.host`,
  );
  const context = {
    status: campaign.status,
    minDelayMs: campaign.politeness.minDelayMs,
    maxAttempts: deps.config.PLAZA_MAX_ATTEMPTS,
  };
  const hosts: CampaignHost[] = rows.map((row) => ({
    host: row.host,
    // JSON numbers from json_object_agg: numbers on every driver.
    urls: row.urls ?? {},
    robots: {
      state: row.robots_state ?? 'unknown',
      status: row.robots_status,
      fetchedAt: iso(row.robots_fetched_at),
      expiresAt: iso(row.robots_expires_at),
      error: row.robots_error,
    },
    crawlDelayMs: row.crawl_delay_ms ?? 0,
    nextFetchAt: iso(row.next_fetch_at) ?? new Date(0).toISOString(),
    blockers: blockersOf(row, context),
  }));
  const summary: Record<string, number> = {};
  for (const host of hosts) {
    for (const blocker of host.blockers) summary[blocker.code] = (summary[blocker.code] ?? 0) + 1;
  }
  const weight = (h: CampaignHost) => (h.blockers.length > 0 ? 1 : 0) * 1e9 + (h.urls.queued ?? 0);
  hosts.sort((a, b) => weight(b) - weight(a) || a.host.localeCompare(b.host));
  return {
    campaignId,
    status: campaign.status,
    summary,
    hosts: hosts.slice(0, limit),
    more: Math.max(0, hosts.length - limit),
  };
}
