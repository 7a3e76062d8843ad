import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/**
 * Gives a task back: the lease ends now and the item is not offered to this labeler again (the
 * lease row stays, as `skipped`). Returns 1 if an open lease was skipped, 0 otherwise.
 */
export async function skipTask(
  deps: Pick<Deps, 'db'>,
  params: { labeler: `0x${string}`; itemId: number },
): Promise<{ count: number }> {
  const rows = await deps.db.rows(
    sql`update label_leases set state = 'skipped'
        where item_id = ${params.itemId} and labeler = ${params.labeler} and state = 'active'
        returning item_id`,
  );
  return { count: rows.length };
}
