import type { PlazaTransaction } from '@plaza/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import type { ClaimedCheck } from './claim-checks.ts';
import type { PageVerdict } from './judge-page.ts';
import { reputationOf } from './reputation-of.ts';
import { shouldQuarantine } from './should-quarantine.ts';
import type { VerificationPolicy } from './verification-policy.ts';

/** One judged check, with what the fetch saw. */
export interface CheckResult {
  check: ClaimedCheck;
  verdict: PageVerdict;
  httpStatus: number | null;
  finalUrl: string | null;
}

/** What {@link recordResults} did. */
export interface RecordResultsResult {
  confirmed: number;
  failed: number;
  inconclusive: number;
  /** Transient failures put back for another attempt. */
  retried: number;
  /** Devices quarantined by these results. */
  quarantined: string[];
}

/** Failures a later attempt may not see: the check is tried again once. */
const TRANSIENT = new Set(['NETWORK_ERROR', 'TIMEOUT', 'NOT_FETCHED']);
/** Attempts of a check with transient failures before it counts as inconclusive. */
export const MAX_CHECK_ATTEMPTS = 2;
/** How long a transient failure waits before the check may be claimed again. */
const RETRY_AFTER_MS = 30_000;

/**
 * Stores judged checks in one transaction: each check's verdict, its contribution's verification
 * state, and its device's record. Devices are locked in address order and their results applied
 * in the order their contributions arrived; after each failure the device is tested against the
 * policy (`shouldQuarantine`), and a device that crosses it is quarantined at that point with the
 * reason `VERIFICATION_FAILED`: its contributions that are not confirmed are `revoked` (they leave
 * attribution) and its pending checks are dropped. Inconclusive checks never move a reputation.
 */
export async function recordResults(
  deps: Pick<Deps, 'db' | 'clock'>,
  results: readonly CheckResult[],
  policy: VerificationPolicy,
): Promise<RecordResultsResult> {
  const now = deps.clock.now();
  const summary: RecordResultsResult = {
    confirmed: 0,
    failed: 0,
    inconclusive: 0,
    retried: 0,
    quarantined: [],
  };
  if (results.length === 0) return summary;
  await deps.db.db.transaction(async (tx) => {
    const final: CheckResult[] = [];
    const retry: string[] = [];
    for (const result of results) {
      const error = result.verdict.error;
      if (
        result.verdict.state === 'inconclusive' &&
        error !== null &&
        TRANSIENT.has(error) &&
        result.check.attempts < MAX_CHECK_ATTEMPTS
      ) {
        retry.push(result.check.contributionId);
      } else {
        final.push(result);
      }
    }
    if (retry.length > 0) {
      summary.retried = retry.length;
      await deps.db.rows(
        sql`update verification_checks
            set claimed_until = ${new Date(now.getTime() + RETRY_AFTER_MS).toISOString()}
            where contribution_id in (select jsonb_array_elements_text(${JSON.stringify(retry)}::jsonb))`,
        tx,
      );
    }
    if (final.length === 0) return;
    await storeVerdicts(deps, tx, final, now);
    for (const result of final) summary[result.verdict.state]++;

    const byDevice = new Map<string, CheckResult[]>();
    for (const result of final) {
      if (result.verdict.state === 'inconclusive') continue;
      const list = byDevice.get(result.check.deviceAddress) ?? [];
      list.push(result);
      byDevice.set(result.check.deviceAddress, list);
    }
    for (const address of [...byDevice.keys()].sort()) {
      const list = byDevice
        .get(address)!
        .sort(
          (a, b) =>
            a.check.contributionCreatedAt.getTime() - b.check.contributionCreatedAt.getTime() ||
            a.check.contributionId.localeCompare(b.check.contributionId),
        );
      const [device] = await deps.db.rows<{
        confirmed_checks: number;
        failed_checks: number;
        status: string;
      }>(
        sql`select confirmed_checks, failed_checks, status from devices
            where address = ${address} for update`,
        tx,
      );
      if (!device) continue;
      const counts = {
        confirmed: Number(device.confirmed_checks),
        failed: Number(device.failed_checks),
      };
      let quarantine = false;
      for (const { verdict } of list) {
        if (verdict.state === 'confirmed') counts.confirmed++;
        else counts.failed++;
        if (
          device.status === 'active' &&
          verdict.state === 'failed' &&
          shouldQuarantine(counts, policy)
        ) {
          quarantine = true;
        }
      }
      await deps.db.rows(
        sql`update devices set confirmed_checks = ${counts.confirmed}, failed_checks = ${counts.failed},
              reputation = ${reputationOf(counts)}
            where address = ${address}`,
        tx,
      );
      if (quarantine) {
        await quarantineDevice(deps, tx, address, now);
        summary.quarantined.push(address);
      }
    }
  });
  return summary;
}

async function storeVerdicts(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTransaction,
  results: readonly CheckResult[],
  now: Date,
) {
  const rows = results.map((r) => ({
    id: r.check.contributionId,
    state: r.verdict.state,
    similarity: r.verdict.similarity,
    error: r.verdict.error,
    http_status: r.httpStatus,
    final_url: r.finalUrl,
  }));
  await deps.db.rows(
    sql`with v as (
          select x->>'id' as id, x->>'state' as state, (x->>'similarity')::real as similarity,
                 x->>'error' as error, (x->>'http_status')::int as http_status, x->>'final_url' as final_url
          from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as x
        ),
        checks as (
          update verification_checks c set state = v.state, similarity = v.similarity,
            error = v.error, http_status = v.http_status, final_url = v.final_url,
            checked_at = ${now.toISOString()}, claimed_until = null
          from v where c.contribution_id = v.id and c.state = 'pending'
          returning c.contribution_id, c.state
        )
        update contributions set verification = checks.state
        from checks where contributions.id = checks.contribution_id`,
    tx,
  );
}

/**
 * Quarantines a device: it is refused from then on (`DEVICE_QUARANTINED` with the reason), its
 * contributions not confirmed leave attribution (`revoked`), its pending checks are dropped, and
 * the jobs it holds expire now (their hosts reopen), so the lease sweep hands them to others.
 */
async function quarantineDevice(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTransaction,
  address: string,
  now: Date,
) {
  await deps.db.rows(
    sql`update devices set status = 'quarantined', quarantine_reason = 'VERIFICATION_FAILED',
          quarantined_at = ${now.toISOString()}
        where address = ${address} and status = 'active'`,
    tx,
  );
  await deps.db.rows(
    sql`update verification_checks set state = 'inconclusive', error = 'DEVICE_QUARANTINED',
          checked_at = ${now.toISOString()}, claimed_until = null
        where device_address = ${address} and state = 'pending'`,
    tx,
  );
  const held = await deps.db.rows<{
    frontier_url_id: number;
    host: string;
    expires_at: Date | string;
  }>(
    sql`update jobs j set expires_at = ${now.toISOString()}
        from (select id, expires_at from jobs
              where device_address = ${address} and state = 'leased' and expires_at > ${now.toISOString()}
              for update) old
        where j.id = old.id
        returning j.frontier_url_id, j.host, old.expires_at`,
    tx,
  );
  if (held.length > 0) {
    await deps.db.rows(
      sql`update frontier_urls set lease_expires_at = ${now.toISOString()}
          where status = 'leased'
            and id in (select (x)::bigint from jsonb_array_elements_text(${JSON.stringify(held.map((h) => String(h.frontier_url_id)))}::jsonb) as x)`,
      tx,
    );
    // A host stays closed until its job's expiry: reopen those this device's jobs held closed.
    await deps.db.rows(
      sql`update hosts h set next_fetch_at = ${now.toISOString()}
          from (select x->>'host' as host, (x->>'at')::timestamptz as at
                from jsonb_array_elements(${JSON.stringify(held.map((h) => ({ host: h.host, at: new Date(h.expires_at).toISOString() })))}::jsonb) as x) v
          where h.host = v.host and h.next_fetch_at = v.at`,
      tx,
    );
  }
  await deps.db.rows(
    sql`update contributions set verification = 'revoked'
        where device_address = ${address}
          and verification in ('new', 'skipped', 'pending', 'inconclusive')`,
    tx,
  );
}
