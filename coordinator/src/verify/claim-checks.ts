import type { PlazaTransaction } from '@plaza/db';
import { sql } from 'drizzle-orm';
import { readSpec } from '../campaigns/read-spec.ts';
import type { Deps } from '../deps.ts';
import { hostRobotsPolicy } from '../frontier/host-robots-policy.ts';

/** A check a process took, with what it needs to fetch and judge it. */
export interface ClaimedCheck {
  contributionId: string;
  campaignId: string;
  deviceAddress: string;
  url: string;
  host: string;
  mode: 'http' | 'browser';
  /** Claims so far, this one included. */
  attempts: number;
  /** The text the page is compared with: the item the contribution became or joined. */
  submittedText: string;
  extraction: 'article' | 'full-text';
  /** The campaign's minimum delay between two fetches of a host. */
  minDelayMs: number;
  contributionCreatedAt: Date;
}

/** How long a claimed host stays closed to everyone else while its page is re-fetched. */
export const HOST_HOLD_MS = 60_000;
/** How long a claimed check is left to the process that claimed it. */
export const CLAIM_MS = 120_000;

interface Candidate extends Record<string, unknown> {
  contribution_id: string;
  host: string;
  url: string;
}

interface HostRow extends Record<string, unknown> {
  host: string;
  next_fetch_at: Date | string;
  robots_state: 'unknown' | 'ok' | 'error';
  robots_txt: string | null;
  robots_expires_at: Date | string | null;
  refused_reason: string | null;
}

/**
 * Claims up to `limit` pending checks of one fetch mode, suspects first (devices with a failed
 * check: their next failures decide a quarantine), then oldest first; at most one per host, and
 * only on hosts whose politeness window is open, exactly as leasing does: a re-fetch is a fetch,
 * so it takes the host's slot (`next_fetch_at` moves `HOST_HOLD_MS` ahead until `releaseHosts` reopens it
 * after the campaign's delay or Crawl-delay) and browsers, server crawlers and verification share
 * one budget per host. Checks and hosts are locked with `SKIP LOCKED`, so processes take disjoint
 * work. A check whose host was refused since (private DNS answers) or whose robots.txt now
 * disallows the URL is settled `inconclusive` at once, without a fetch.
 */
export async function claimChecks(
  deps: Pick<Deps, 'db' | 'clock'>,
  params: { mode: 'http' | 'browser'; limit: number },
): Promise<{ claimed: ClaimedCheck[]; settled: number }> {
  const now = deps.clock.now();
  return deps.db.db.transaction(async (tx) => {
    const firstPerHost = await lockFirstCheckPerHost(deps, tx, params, now);
    if (firstPerHost.size === 0) return { claimed: [], settled: 0 };
    const hostRows = await lockHosts(deps, tx, [...firstPerHost.keys()]);
    const { settle, take, takenHosts } = sortByHost(hostRows, firstPerHost, now, params.limit);
    await settleRefused(deps, tx, settle, now);
    if (take.length === 0) return { claimed: [], settled: settle.length };
    await holdHosts(deps, tx, takenHosts, now);
    return { settled: settle.length, claimed: await markClaimed(deps, tx, take, now) };
  });
}

type Tx = PlazaTransaction;

/** The first claimable pending check of each host (suspects first, then oldest), locked. */
async function lockFirstCheckPerHost(
  deps: Pick<Deps, 'db'>,
  tx: Tx,
  params: { mode: 'http' | 'browser'; limit: number },
  now: Date,
): Promise<Map<string, Candidate>> {
  const candidates = await deps.db.rows<Candidate>(
    sql`select v.contribution_id, v.host, v.url from verification_checks v
        join devices d on d.address = v.device_address
        where v.state = 'pending' and v.mode = ${params.mode}
          and (v.claimed_until is null or v.claimed_until <= ${now.toISOString()})
        order by d.failed_checks > 0 desc, v.created_at, v.contribution_id
        limit ${params.limit * 4}
        for update of v skip locked`,
    tx,
  );
  const firstPerHost = new Map<string, Candidate>();
  for (const candidate of candidates) {
    if (!firstPerHost.has(candidate.host)) firstPerHost.set(candidate.host, candidate);
  }
  return firstPerHost;
}

/** The hosts' politeness and robots.txt state, locked (`SKIP LOCKED`: busy hosts are left out). */
function lockHosts(deps: Pick<Deps, 'db'>, tx: Tx, hosts: readonly string[]): Promise<HostRow[]> {
  return deps.db.rows<HostRow>(
    sql`select host, next_fetch_at, robots_state, robots_txt, robots_expires_at, refused_reason
        from hosts
        where host in (select jsonb_array_elements_text(${JSON.stringify(hosts)}::jsonb))
        order by host
        for update skip locked`,
    tx,
  );
}

/**
 * Per host (pure): its check is settled when the host was refused or robots.txt disallows the
 * URL, taken when the host is ready (robots.txt fresh, politeness window open), else left; at
 * most `limit` taken.
 */
function sortByHost(
  hostRows: readonly HostRow[],
  firstPerHost: ReadonlyMap<string, Candidate>,
  now: Date,
  limit: number,
): { settle: { id: string; error: string }[]; take: string[]; takenHosts: string[] } {
  const settle: { id: string; error: string }[] = [];
  const take: string[] = [];
  const takenHosts: string[] = [];
  for (const row of hostRows) {
    const candidate = firstPerHost.get(row.host)!;
    const refusal =
      row.refused_reason ??
      hostRobotsPolicy({
        robotsState: row.robots_state,
        robotsTxt: row.robots_txt,
        refusedReason: null,
      })(new URL(candidate.url));
    if (refusal !== null) {
      settle.push({ id: candidate.contribution_id, error: refusal });
      continue;
    }
    const ready =
      row.robots_state === 'ok' &&
      row.robots_expires_at !== null &&
      new Date(row.robots_expires_at) > now &&
      new Date(row.next_fetch_at) <= now;
    if (!ready) continue;
    take.push(candidate.contribution_id);
    takenHosts.push(row.host);
    if (take.length >= limit) break;
  }
  return { settle, take, takenHosts };
}

/** Settles refused checks `inconclusive`, and their contributions with them. */
async function settleRefused(
  deps: Pick<Deps, 'db'>,
  tx: Tx,
  settle: readonly { id: string; error: string }[],
  now: Date,
): Promise<void> {
  if (settle.length === 0) return;
  await deps.db.rows(
    sql`with v(id, error) as (
          select x->>'id', x->>'error' from jsonb_array_elements(${JSON.stringify(settle)}::jsonb) as x
        ),
        checks as (
          update verification_checks c set state = 'inconclusive', error = v.error,
            checked_at = ${now.toISOString()}, claimed_until = null
          from v where c.contribution_id = v.id
          returning c.contribution_id
        )
        update contributions set verification = 'inconclusive'
        where id in (select contribution_id from checks)`,
    tx,
  );
}

/** Closes the taken hosts to everyone else for `HOST_HOLD_MS`, as a lease would. */
async function holdHosts(
  deps: Pick<Deps, 'db'>,
  tx: Tx,
  hosts: readonly string[],
  now: Date,
): Promise<void> {
  await deps.db.rows(
    sql`update hosts set next_fetch_at = ${new Date(now.getTime() + HOST_HOLD_MS).toISOString()}
        where host in (select jsonb_array_elements_text(${JSON.stringify(hosts)}::jsonb))`,
    tx,
  );
}

/** Marks the taken checks claimed for `CLAIM_MS` and reads what fetching and judging them needs. */
async function markClaimed(
  deps: Pick<Deps, 'db'>,
  tx: Tx,
  take: readonly string[],
  now: Date,
): Promise<ClaimedCheck[]> {
  const rows = await deps.db.rows<{
    contribution_id: string;
    campaign_id: string;
    device_address: string;
    url: string;
    host: string;
    mode: 'http' | 'browser';
    attempts: number;
    text: string;
    spec: unknown;
    created_at: Date | string;
  }>(
    sql`with claimed as (
          update verification_checks set claimed_until = ${new Date(now.getTime() + CLAIM_MS).toISOString()},
            attempts = attempts + 1
          where contribution_id in (select jsonb_array_elements_text(${JSON.stringify(take)}::jsonb))
          returning *
        )
        select v.contribution_id, v.campaign_id, v.device_address, v.url, v.host, v.mode,
               v.attempts, i.text, cam.spec, c.created_at
        from claimed v
        join contributions c on c.id = v.contribution_id
        join items i on i.id = v.item_id
        join campaigns cam on cam.id = v.campaign_id
        order by c.created_at, v.contribution_id`,
    tx,
  );
  return rows.map((row) => {
    const spec = readSpec({ spec: row.spec });
    return {
      contributionId: row.contribution_id,
      campaignId: row.campaign_id,
      deviceAddress: row.device_address,
      url: row.url,
      host: row.host,
      mode: row.mode,
      attempts: row.attempts,
      submittedText: row.text,
      extraction: spec.extraction,
      minDelayMs: spec.politeness.minDelayMs,
      contributionCreatedAt: new Date(row.created_at),
    };
  });
}
