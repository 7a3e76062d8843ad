import { hosts } from '@plaza/db';
import { inArray, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/** How many expired URLs one sweep (one transaction) returns to the frontier at most. */
export const SWEEP_LIMIT = 1000;
/** Sweeps one call runs at most while each finds a full batch. */
const MAX_SWEEPS = 20;

type ExpireDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'metrics'>;

/**
 * Returns the URLs of expired leases to the frontier (or marks them failed once their attempts are
 * spent) and marks their jobs expired. Safe to run from every coordinator process at once: rows
 * another sweep holds are skipped. Each sweep is a short transaction of at most
 * {@link SWEEP_LIMIT} URLs; while a sweep finds a full batch another follows at once (up to
 * {@link MAX_SWEEPS}), so URLs come back as fast as devices let leases expire: with one sweep per
 * call, a database slowed by ingest stretched the loop's period until fewer URLs came back than
 * were leased, and the frontier ran dry.
 */
export async function expireLeases(
  deps: ExpireDeps,
): Promise<{ requeued: number; failed: number; sweeps: number }> {
  const total = { requeued: 0, failed: 0, sweeps: 0 };
  while (total.sweeps < MAX_SWEEPS) {
    const { requeued, failed } = await sweepOnce(deps);
    total.requeued += requeued;
    total.failed += failed;
    total.sweeps++;
    if (requeued + failed < SWEEP_LIMIT) break;
  }
  return total;
}

/** One sweep: at most {@link SWEEP_LIMIT} expired URLs, in one transaction. */
async function sweepOnce(deps: ExpireDeps): Promise<{ requeued: number; failed: number }> {
  const now = deps.clock.now();
  const rows = await deps.db.db.transaction(async (tx) => {
    await tx.execute(
      sql`update jobs set state = 'expired' where state = 'leased' and expires_at <= ${now.toISOString()}`,
    );
    const requeued = await deps.db.rows<{ status: string; host: string }>(
      sql`
        update frontier_urls f set
          status = case when f.attempts >= ${deps.config.PLAZA_MAX_ATTEMPTS} then 'failed' else 'queued' end,
          reason = case when f.attempts >= ${deps.config.PLAZA_MAX_ATTEMPTS} then 'ATTEMPTS_EXHAUSTED' else f.reason end,
          lease_expires_at = null,
          updated_at = ${now.toISOString()}
        where f.id in (
          select id from frontier_urls
          where status = 'leased' and lease_expires_at <= ${now.toISOString()}
          limit ${SWEEP_LIMIT}
          for update skip locked
        )
        returning f.status, f.host`,
      tx,
    );
    const requeuedHosts = [
      ...new Set(requeued.filter((r) => r.status === 'queued').map((r) => r.host)),
    ];
    if (requeuedHosts.length > 0) {
      await tx
        .update(hosts)
        .set({ hasQueued: true })
        .where(inArray(hosts.host, requeuedHosts.sort()));
    }
    return requeued;
  });
  const failed = rows.filter((r) => r.status === 'failed').length;
  deps.metrics.jobsExpired.inc(rows.length);
  return { requeued: rows.length - failed, failed };
}
