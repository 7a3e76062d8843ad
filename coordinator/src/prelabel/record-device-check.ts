import type { PlazaTransaction } from '@plaza/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/**
 * Counts one pre-label check on a device's shared record (`devices.confirmed_checks`,
 * `failed_checks`, `reputation`), the same record page verification keeps: a batch whose sample
 * matched is one confirmed check, a batch caught is one failed check. The reputation is
 * recomputed in the same statement with page verification's formula, the Beta(1, 1) posterior
 * mean `(1 + confirmed) / (2 + confirmed + failed)` (coordinator/src/verify/reputation-of.ts).
 * Returns the new reputation. This is the only place pre-labeling writes to `devices`.
 */
export async function recordDeviceCheck(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTransaction,
  address: string,
  passed: boolean,
): Promise<number | null> {
  const confirmed = passed ? 1 : 0;
  const failed = passed ? 0 : 1;
  const [row] = await deps.db.rows<{ reputation: number }>(
    sql`update devices set confirmed_checks = confirmed_checks + ${confirmed},
          failed_checks = failed_checks + ${failed},
          reputation = (1 + confirmed_checks + ${confirmed})::real
            / (2 + confirmed_checks + ${confirmed} + failed_checks + ${failed})
        where address = ${address}
        returning reputation`,
    tx,
  );
  return row ? row.reputation : null;
}
