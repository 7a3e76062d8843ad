import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { pgArray } from '../ingest/find-candidates.ts';

/** How many jobs one run deletes at most (a short transaction, whatever the backlog). */
const DELETE_LIMIT = 5_000;

/**
 * Job retention: deletes expired jobs (never submitted: nothing refers to them) older than
 * `PLAZA_JOB_RETENTION_HOURS`, and their leases once no job of them is left. Submitted jobs stay:
 * their contributions refer to them, and a resubmission finds its receipt through them. Without
 * this the jobs table grows with every lease that expires, forever. Safe in many processes.
 */
export async function deleteOldJobs(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
): Promise<{ jobs: number; leases: number }> {
  const cutoff = new Date(
    deps.clock.now().getTime() - deps.config.PLAZA_JOB_RETENTION_HOURS * 3_600_000,
  );
  return deps.db.db.transaction(async (tx) => {
    const jobs = await deps.db.rows<{ lease_id: string }>(
      sql`delete from jobs where id in (
            select id from jobs where state = 'expired' and expires_at < ${cutoff.toISOString()}
            limit ${DELETE_LIMIT} for update skip locked)
          returning lease_id`,
      tx,
    );
    const leaseIds = [...new Set(jobs.map((j) => j.lease_id))];
    const leases =
      leaseIds.length === 0
        ? []
        : await deps.db.rows(
            sql`delete from leases l where l.id = any(${pgArray(leaseIds)}::text[])
                and not exists (select 1 from jobs j where j.lease_id = l.id)
                returning l.id`,
            tx,
          );
    return { jobs: jobs.length, leases: leases.length };
  });
}
