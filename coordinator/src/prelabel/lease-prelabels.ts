import { randomUUID } from 'node:crypto';
import {
  type FeatureSpec,
  featureSpecSchema,
  hashText,
  modelInput,
  type PrelabelLeaseResponse,
  routes,
} from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/** How long a device that got nothing waits before asking again. */
const EMPTY_RETRY_MS = 30_000;

/**
 * Leases up to `max` items of one campaign to a device, to run the campaign's current model on.
 * An item qualifies while its labeling task is not full (labels < overlap), it has no pre-label
 * from the current model (an imported pre-label is kept) and no other device holds it. Items with
 * the fewest labels go first. Claims are taken in one statement (`FOR UPDATE SKIP LOCKED` on the
 * tasks, then an upsert that only takes over expired claims), so coordinators sharing a database
 * never hand out one item twice at once. The lease carries each item's exact model input and its
 * keccak256, which the device signs.
 */
export async function leasePrelabels(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  params: { device: string; max: number; campaignId?: string | undefined },
): Promise<PrelabelLeaseResponse> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.PLAZA_PRELABEL_LEASE_SECONDS * 1000);
  const only =
    params.campaignId === undefined ? sql`true` : sql`r.campaign_id = ${params.campaignId}`;
  const models = await deps.db.rows<{
    campaign_id: string;
    model_hash: string;
    classes: string[];
    features: unknown;
  }>(
    sql`select r.campaign_id, r.model_hash, m.classes, m.features
        from prelabel_runs r join prelabel_models m on m.hash = r.model_hash
        join campaigns c on c.id = r.campaign_id
        where c.status = 'active' and ${only}
        order by r.campaign_id`,
  );
  for (const model of models) {
    const features: FeatureSpec = featureSpecSchema.parse(model.features);
    const leaseId = randomUUID();
    const items = await deps.db.db.transaction(async (tx) => {
      const claimed = await deps.db.rows<{ item_id: number; title: string; text: string }>(
        sql`with candidates as (
              select t.item_id from label_tasks t
              join campaigns c on c.id = t.campaign_id
              left join prelabels p on p.item_id = t.item_id
              left join prelabel_claims k on k.item_id = t.item_id
              where t.campaign_id = ${model.campaign_id}
                and t.labels_count < coalesce((c.spec->>'overlap')::int, 3)
                and (p.item_id is null
                  or (p.source->>'kind' = 'model' and p.source->>'model' <> ${model.model_hash}))
                and (k.item_id is null or k.expires_at <= ${now.toISOString()})
              order by t.labels_count, t.item_id
              limit ${params.max}
              for update of t skip locked
            ),
            taken as (
              insert into prelabel_claims (item_id, lease_id, expires_at)
              select item_id, ${leaseId}, ${expiresAt.toISOString()} from candidates
              on conflict (item_id) do update set lease_id = excluded.lease_id,
                expires_at = excluded.expires_at
              where prelabel_claims.expires_at <= ${now.toISOString()}
              returning item_id
            )
            select i.id as item_id, i.title, i.text from taken join items i on i.id = taken.item_id
            order by i.id`,
        tx,
      );
      if (claimed.length === 0) return [];
      const inputs = claimed.map((row) => {
        const input = modelInput({ title: row.title, text: row.text }, features.maxChars);
        return { itemId: row.item_id, input, inputHash: hashText(input) };
      });
      await deps.db.rows(
        sql`insert into prelabel_leases (id, device_address, campaign_id, model_hash, items,
              state, created_at, expires_at)
            values (${leaseId}, ${params.device}, ${model.campaign_id}, ${model.model_hash},
              ${JSON.stringify(inputs.map(({ itemId, inputHash }) => ({ itemId, inputHash })))}::jsonb,
              'active', ${now.toISOString()}, ${expiresAt.toISOString()})`,
        tx,
      );
      return inputs;
    });
    if (items.length === 0) continue;
    return {
      lease: {
        id: leaseId,
        expiresAt: expiresAt.toISOString(),
        model: {
          hash: model.model_hash as `0x${string}`,
          campaignId: model.campaign_id,
          classes: model.classes,
          features,
          modelUrl: routes.modelJson(model.model_hash),
        },
        items,
      },
    };
  }
  return { lease: null, retryAfterMs: EMPTY_RETRY_MS };
}
