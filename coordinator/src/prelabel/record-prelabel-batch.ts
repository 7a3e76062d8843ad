import type { PrelabelPrediction, submitPrelabelsRequestSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { recordDeviceCheck } from './record-device-check.ts';
import { revokeDevicePredictions } from './revoke-device-predictions.ts';
import type { SampleCheck } from './submit-prelabels.ts';

type Body = z.output<typeof submitPrelabelsRequestSchema>;

/**
 * In one transaction: the lease answered (once: a second answer is `PRELABEL_CONFLICT`), the
 * batch recorded, the device's check recorded; an accepted batch's predictions stored, a
 * rejected one's device's unchecked predictions revoked.
 */
export async function recordBatch(
  deps: Pick<Deps, 'db' | 'clock'>,
  params: { batchId: string; device: string; body: Body; campaignId: string; check: SampleCheck },
): Promise<void> {
  const { batchId, device, body, check } = params;
  const now = deps.clock.now().toISOString();
  await deps.db.db.transaction(async (tx) => {
    const locked = await deps.db.rows(
      sql`update prelabel_leases set state = 'submitted'
          where id = ${body.leaseId} and state = 'active' returning id`,
      tx,
    );
    if (locked.length === 0) {
      throw new AppError(
        'PRELABEL_CONFLICT',
        `Pre-label lease "${body.leaseId}" was answered already.`,
      );
    }
    await deps.db.rows(
      sql`insert into prelabel_batches (id, lease_id, device_address, campaign_id, model_hash,
            backend, signature, items_count, checked_count, max_diff, status, reason, created_at)
          values (${batchId}, ${body.leaseId}, ${device}, ${params.campaignId}, ${body.model},
            ${body.backend}, ${body.signature}, ${body.items.length}, ${check.checked.size},
            ${check.maxDiff}, ${check.accepted ? 'accepted' : 'rejected'}, ${check.reason ?? null},
            ${now})`,
      tx,
    );
    await deps.db.rows(sql`delete from prelabel_claims where lease_id = ${body.leaseId}`, tx);
    await recordDeviceCheck(deps, tx, device, check.accepted);
    if (!check.accepted) {
      await revokeDevicePredictions(deps, tx, device, now);
      return;
    }
    await storePredictions(deps, tx, {
      batchId,
      device,
      campaignId: params.campaignId,
      model: body.model,
      backend: body.backend,
      items: body.items,
      checked: check.checked,
      now,
    });
  });
}

/** Stores an accepted batch: attribution rows, and the items' pre-labels. */
async function storePredictions(
  deps: Pick<Deps, 'db'>,
  tx: Parameters<typeof recordDeviceCheck>[1],
  params: {
    batchId: string;
    device: string;
    campaignId: string;
    model: string;
    backend: string;
    items: readonly PrelabelPrediction[];
    checked: ReadonlySet<number>;
    now: string;
  },
) {
  const rows = params.items.map((item) => {
    let best = 0;
    for (let i = 1; i < item.probs.length; i++) if (item.probs[i]! > item.probs[best]!) best = i;
    return {
      item_id: item.itemId,
      probs: item.probs,
      checked: params.checked.has(item.itemId),
      value: { kind: 'classification', class: best },
      confidence: item.probs[best]! / 1_000_000,
    };
  });
  const json = JSON.stringify(rows);
  await deps.db.rows(
    sql`insert into prelabel_predictions (item_id, model_hash, device_address, campaign_id,
          batch_id, backend, probs, checked, created_at)
        select r.item_id, ${params.model}, ${params.device}, ${params.campaignId}, ${params.batchId},
          ${params.backend}, r.probs, r.checked, ${params.now}
        from jsonb_to_recordset(${json}::jsonb) as r(item_id bigint, probs jsonb, checked boolean)
        on conflict (item_id, model_hash, device_address) do update set batch_id = excluded.batch_id,
          backend = excluded.backend, probs = excluded.probs, checked = excluded.checked,
          revoked_at = null, created_at = excluded.created_at`,
    tx,
  );
  const source = { kind: 'model', model: params.model, backend: params.backend };
  await deps.db.rows(
    sql`insert into prelabels (item_id, campaign_id, value, confidence, source, created_at)
        select r.item_id, ${params.campaignId}, r.value, r.confidence,
          ${JSON.stringify(source)}::jsonb, ${params.now}
        from jsonb_to_recordset(${json}::jsonb) as r(item_id bigint, value jsonb, confidence real)
        on conflict (item_id) do update set value = excluded.value,
          confidence = excluded.confidence, source = excluded.source,
          created_at = excluded.created_at
        where prelabels.source->>'kind' = 'model'`,
    tx,
  );
}
