import type { PlazaTransaction } from '@plaza/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/**
 * After a device is caught with wrong outputs: its predictions that were accepted only with their
 * batch's sample (never recomputed themselves) leave attribution (`revoked_at`), and the
 * pre-labels they made are removed, so those items are leased again. Returns how many.
 */
export async function revokeDevicePredictions(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTransaction,
  device: string,
  now: string,
): Promise<number> {
  const revoked = await deps.db.rows<{ item_id: number; model_hash: string }>(
    sql`update prelabel_predictions set revoked_at = ${now}
        where device_address = ${device} and revoked_at is null and not checked
        returning item_id, model_hash`,
    tx,
  );
  if (revoked.length === 0) return 0;
  await deps.db.rows(
    sql`delete from prelabels p
        using jsonb_to_recordset(${JSON.stringify(revoked)}::jsonb)
          as r(item_id bigint, model_hash text)
        where p.item_id = r.item_id and p.source->>'kind' = 'model'
          and p.source->>'model' = r.model_hash
          and not exists (select 1 from prelabel_predictions o
            where o.item_id = r.item_id and o.model_hash = r.model_hash
              and o.device_address <> ${device} and o.revoked_at is null)`,
    tx,
  );
  return revoked.length;
}
