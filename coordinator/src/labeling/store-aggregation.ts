import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import type { ItemAggregate } from './aggregate-open-labels.ts';

/** One aggregation run's results, as `storeAggregation` writes them. */
export interface AggregationResult {
  aggregates: readonly ItemAggregate[];
  /** Label id → probability the label is right. */
  posteriors: ReadonlyMap<string, number>;
  /** Labeler → estimated accuracy. */
  accuracy: ReadonlyMap<string, number>;
  alpha: number | null;
  /** The campaign's labels when the run started (the next run compares with it). */
  labelCount: number;
  /** When the run started, ISO 8601. */
  startedAt: string;
}

/**
 * Writes an aggregation run in one transaction: items' aggregates (a reviewer's stays), labels'
 * posteriors, labelers' estimated accuracy, and the campaign's run record.
 */
export async function storeAggregation(
  deps: Pick<Deps, 'db'>,
  campaignId: string,
  result: AggregationResult,
): Promise<void> {
  const { aggregates, posteriors, accuracy, alpha, labelCount, startedAt: now } = result;
  await deps.db.db.transaction(async (tx) => {
    if (aggregates.length > 0) {
      await deps.db.rows(
        sql`insert into label_aggregates (item_id, campaign_id, value, confidence, agreement,
              method, labels_count, updated_at)
            select a.item_id, ${campaignId}, a.value, a.confidence, a.agreement, a.method,
              a.labels_count, ${now}
            from jsonb_to_recordset(${JSON.stringify(
              aggregates.map((a) => ({
                item_id: a.itemId,
                value: a.value,
                confidence: a.confidence,
                agreement: a.agreement,
                method: a.method,
                labels_count: a.labelsCount,
              })),
            )}::jsonb) as a(item_id bigint, value jsonb, confidence real, agreement real,
              method text, labels_count int)
            on conflict (item_id) do update set value = excluded.value,
              confidence = excluded.confidence, agreement = excluded.agreement,
              method = excluded.method, labels_count = excluded.labels_count,
              updated_at = excluded.updated_at
            where label_aggregates.method <> 'review'`,
        tx,
      );
    }
    if (posteriors.size > 0) {
      await deps.db.rows(
        sql`update labels l set posterior = p.posterior
            from jsonb_to_recordset(${JSON.stringify(
              [...posteriors].map(([id, posterior]) => ({ id, posterior })),
            )}::jsonb) as p(id text, posterior real)
            where l.id = p.id`,
        tx,
      );
    }
    if (accuracy.size > 0) {
      await deps.db.rows(
        sql`insert into labeler_campaigns (campaign_id, labeler, estimated_accuracy, updated_at)
            select ${campaignId}, a.labeler, a.accuracy, ${now}
            from jsonb_to_recordset(${JSON.stringify(
              [...accuracy].map(([labeler, value]) => ({ labeler, accuracy: value })),
            )}::jsonb) as a(labeler text, accuracy real)
            on conflict (campaign_id, labeler) do update
              set estimated_accuracy = excluded.estimated_accuracy`,
        tx,
      );
    }
    await deps.db.rows(
      sql`insert into label_runs (campaign_id, alpha, labels, items, computed_at)
          values (${campaignId}, ${alpha}, ${labelCount}, ${aggregates.length}, ${now})
          on conflict (campaign_id) do update set alpha = excluded.alpha,
            labels = excluded.labels, items = excluded.items, computed_at = excluded.computed_at`,
      tx,
    );
  });
}
