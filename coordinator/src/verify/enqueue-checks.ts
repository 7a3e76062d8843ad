import type { PlazaTransaction } from '@plaza/db';
import { sql } from 'drizzle-orm';
import { readSpec } from '../campaigns/read-spec.ts';
import { insertRows, type JsonColumnValue } from '../db/insert-rows.ts';
import type { Deps } from '../deps.ts';
import { flagContribution } from './flag-contribution.ts';
import { reputationOf } from './reputation-of.ts';
import { selectForCheck } from './select-for-check.ts';

/** Contributions looked at per call, at most. */
const SCAN_LIMIT = 500;

/** What {@link enqueueChecks} did. */
export interface EnqueueChecksResult {
  considered: number;
  queued: number;
  skipped: number;
  revoked: number;
}

interface Row extends Record<string, unknown> {
  id: string;
  campaign_id: string;
  device_address: string;
  url: string;
  final_url: string;
  outcome: string;
  item_id: number | null;
  body_bytes: number;
  fetched_at: Date | string;
  created_at: Date | string;
  leased_at: Date | string;
  confirmed_checks: number;
  failed_checks: number;
  kind: 'extension' | 'server';
  status: 'active' | 'quarantined';
  spec: unknown;
  own_text_chars: number | null;
  item_url: string | null;
}

/**
 * The sampler: looks once at every new contribution (oldest first, rows locked with `SKIP
 * LOCKED`, so processes share the work) and decides whether the coordinator re-fetches it
 * (`selectForCheck`: heuristic flags, the device's reputation counting its queued checks as
 * confirmations, the campaign's `verifyRate`). A selected contribution gets a pending check and
 * becomes `pending`; the others become `skipped`.
 * Failed fetches and the coordinator's own server-crawl contributions are not checked; those of a
 * device quarantined meanwhile are `revoked` at once.
 */
export async function enqueueChecks(
  deps: Pick<Deps, 'db' | 'config'>,
  params: { random?: () => number; limit?: number } = {},
): Promise<EnqueueChecksResult> {
  const random = params.random ?? Math.random;
  return deps.db.db.transaction(async (tx) => {
    const rows = await lockNewContributions(deps, tx, params.limit ?? SCAN_LIMIT);
    if (rows.length === 0) return { considered: 0, queued: 0, skipped: 0, revoked: 0 };
    const queuedOf = await countQueuedChecks(deps, tx, rows);
    const { decided, checks } = decideChecks(rows, queuedOf, {
      verifyAllBelow: deps.config.PLAZA_VERIFY_ALL_BELOW,
      random,
    });
    return { considered: rows.length, ...(await applyDecisions(deps, tx, decided, checks)) };
  });
}

/** The oldest new contributions with what the sampler weighs, locked (`SKIP LOCKED`). */
function lockNewContributions(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTransaction,
  limit: number,
): Promise<Row[]> {
  return deps.db.rows<Row>(
    sql`select c.id, c.campaign_id, c.device_address, c.url, c.final_url, c.outcome, c.item_id,
               c.body_bytes, c.fetched_at, c.created_at, j.created_at as leased_at,
               d.confirmed_checks, d.failed_checks, d.kind, d.status, cam.spec,
               case when i.contribution_id = c.id then char_length(i.text) end as own_text_chars,
               i.url as item_url
        from contributions c
        join jobs j on j.id = c.job_id
        join devices d on d.address = c.device_address
        join campaigns cam on cam.id = c.campaign_id
        left join items i on i.id = c.item_id
        where c.verification = 'new'
        order by c.created_at, c.id
        limit ${limit}
        for update of c skip locked`,
    tx,
  );
}

/**
 * Pending checks per device of `rows`. They count as if they will confirm: a device's probation
 * costs its first ~32 checks however far verification trails behind its submissions.
 */
async function countQueuedChecks(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTransaction,
  rows: readonly Row[],
): Promise<Map<string, number>> {
  const addresses = [...new Set(rows.map((r) => r.device_address))];
  const queuedRows = await deps.db.rows<{ device_address: string; n: number }>(
    sql`select device_address, count(*)::int as n from verification_checks
        where state = 'pending'
          and device_address in (select jsonb_array_elements_text(${JSON.stringify(addresses)}::jsonb))
        group by device_address`,
    tx,
  );
  return new Map(queuedRows.map((r) => [r.device_address, r.n]));
}

type Decision = { id: string; state: 'pending' | 'skipped' | 'revoked' };

/**
 * Decides each contribution in order (pure): revoked for a quarantined device, skipped when it
 * cannot or need not be checked, else pending with its check row. A check queued here counts for
 * the device's later contributions too.
 */
function decideChecks(
  rows: readonly Row[],
  queuedBefore: ReadonlyMap<string, number>,
  options: { verifyAllBelow: number; random: () => number },
): { decided: Decision[]; checks: Record<string, JsonColumnValue>[] } {
  const queuedOf = new Map(queuedBefore);
  const specs = new Map<string, ReturnType<typeof readSpec>>();
  const decided: Decision[] = [];
  const checks: Record<string, JsonColumnValue>[] = [];
  for (const row of rows) {
    let spec = specs.get(row.campaign_id);
    if (!spec) {
      spec = readSpec({ spec: row.spec });
      specs.set(row.campaign_id, spec);
    }
    if (row.status === 'quarantined') {
      decided.push({ id: row.id, state: 'revoked' });
      continue;
    }
    if (row.kind === 'server' || row.outcome === 'fetch_failed' || row.item_id === null) {
      decided.push({ id: row.id, state: 'skipped' });
      continue;
    }
    const flags = flagsOf(row);
    const queued = queuedOf.get(row.device_address) ?? 0;
    const reason = selectForCheck({
      reputation: reputationOf({
        confirmed: row.confirmed_checks + queued,
        failed: row.failed_checks,
      }),
      flags,
      verifyRate: spec.verifyRate,
      verifyAllBelow: options.verifyAllBelow,
      draw: options.random(),
    });
    if (reason === null) {
      decided.push({ id: row.id, state: 'skipped' });
      continue;
    }
    decided.push({ id: row.id, state: 'pending' });
    queuedOf.set(row.device_address, queued + 1);
    checks.push({
      contribution_id: row.id,
      campaign_id: row.campaign_id,
      device_address: row.device_address,
      url: row.url,
      host: new URL(row.url).hostname,
      item_id: row.item_id,
      mode: spec.needsBrowser ? 'browser' : 'http',
      reason,
      flags,
      state: 'pending',
      attempts: 0,
      // Checks run in the order their contributions arrived.
      created_at: new Date(row.created_at).toISOString(),
    });
  }
  return { decided, checks };
}

/** The heuristic flags of one contribution (`flagContribution`). */
function flagsOf(row: Row): ReturnType<typeof flagContribution> {
  return flagContribution({
    url: row.url,
    finalUrl: row.final_url,
    outcome: row.outcome,
    fetchedAt: new Date(row.fetched_at),
    leasedAt: new Date(row.leased_at),
    submittedAt: new Date(row.created_at),
    bodyBytes: row.body_bytes,
    textChars: row.own_text_chars,
    joinedItemUrl:
      row.outcome === 'duplicate' || row.outcome === 'near_duplicate' ? row.item_url : null,
  });
}

/** Inserts the checks and moves each contribution to its state; counts them by state. */
async function applyDecisions(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTransaction,
  decided: readonly Decision[],
  checks: readonly Record<string, JsonColumnValue>[],
): Promise<Omit<EnqueueChecksResult, 'considered'>> {
  const counts = { queued: 0, skipped: 0, revoked: 0 };
  // A contribution has at most one check; `contribution_id` is the key.
  if (checks.length > 0) await insertRows(deps.db, tx, 'verification_checks', [...checks]);
  for (const state of ['pending', 'skipped', 'revoked'] as const) {
    const ids = decided.filter((d) => d.state === state).map((d) => d.id);
    if (ids.length === 0) continue;
    await deps.db.rows(
      sql`update contributions set verification = ${state}
          where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
      tx,
    );
    counts[state === 'pending' ? 'queued' : state] = ids.length;
  }
  return counts;
}
