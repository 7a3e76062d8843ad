import { type LabelValue, labelValueSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { aggregateClassification, aggregateMultiLabel, aggregateSpans } from './aggregate/index.ts';
import { type AggregationLabel, campaignAlpha } from './campaign-alpha.ts';
import { isGoldCorrect, toAggregateSpans } from './is-gold-correct.ts';
import { loadCampaign } from './load-campaign.ts';
import { sameLabel } from './same-label.ts';

interface StoredLabel extends AggregationLabel {
  id: string;
  gold: LabelValue | null;
  reviewed: LabelValue | null;
  paused: boolean;
}

interface ItemAggregate {
  itemId: number;
  value: LabelValue;
  confidence: number;
  agreement: number | null;
  method: 'dawid-skene' | 'majority' | 'spans' | 'gold';
  labelsCount: number;
}

/**
 * Aggregates a campaign's labels and stores the results: each item's value and confidence
 * (Dawid–Skene, majority vote as the fallback, per label for multi-label, token votes for spans),
 * the posterior probability that each label is correct (the attribution rule pays by it), each
 * labeler's estimated accuracy, and the campaign's Krippendorff alpha. Gold items take their known
 * answer and reviewed items the reviewer's; labels on them score 1 when right and 0 when wrong.
 * Paused labelers are left out (posterior 0). Does nothing when no label changed since the last
 * run, unless `force`. Returns how many labels it scored.
 */
export async function aggregateCampaign(
  deps: Pick<Deps, 'db' | 'clock'>,
  campaignId: string,
  options: { force?: boolean } = {},
): Promise<{ count: number }> {
  const campaign = await loadCampaign(deps.db.db, campaignId);
  const [state] = await deps.db.rows<{
    n: number;
    changed: string | Date | null;
    run: string | Date | null;
    run_labels: number | null;
  }>(
    sql`select count(*)::int as n, max(l.updated_at) as changed,
          (select computed_at from label_runs where campaign_id = ${campaignId}) as run,
          (select labels from label_runs where campaign_id = ${campaignId}) as run_labels
        from labels l where l.campaign_id = ${campaignId}`,
  );
  const count = state?.n ?? 0;
  if (
    !options.force &&
    state?.run &&
    state.run_labels === count &&
    (state.changed === null || new Date(state.changed) <= new Date(state.run))
  ) {
    return { count: 0 };
  }
  const startedAt = deps.clock.now();

  const rows = await deps.db.rows<{
    id: string;
    item_id: number;
    labeler: string;
    value: unknown;
    gold_value: unknown;
    reviewed: unknown;
    paused: boolean;
    text: string | null;
  }>(
    sql`select l.id, l.item_id, l.labeler, l.value, t.gold_value,
          case when a.method = 'review' then a.value end as reviewed,
          coalesce(lc.status = 'paused', false) as paused,
          case when ${campaign.spec.labelSchema.kind} = 'spans' then i.text end as text
        from labels l join label_tasks t on t.item_id = l.item_id
        join items i on i.id = l.item_id
        left join label_aggregates a on a.item_id = l.item_id
        left join labeler_campaigns lc on lc.campaign_id = l.campaign_id and lc.labeler = l.labeler
        where l.campaign_id = ${campaignId}`,
  );
  const parse = (value: unknown) =>
    value === null || value === undefined ? null : labelValueSchema.parse(value);
  const texts = new Map<number, string>();
  const labels: StoredLabel[] = rows.map((row) => {
    if (row.text !== null) texts.set(row.item_id, row.text);
    return {
      id: row.id,
      itemId: row.item_id,
      labeler: row.labeler,
      value: labelValueSchema.parse(row.value),
      gold: parse(row.gold_value),
      reviewed: parse(row.reviewed),
      paused: row.paused,
    };
  });

  const posteriors = new Map<string, number>();
  const aggregates: ItemAggregate[] = [];
  const open: StoredLabel[] = [];
  const goldItems = new Map<number, { value: LabelValue; count: number }>();
  for (const label of labels) {
    const known = label.gold ?? label.reviewed;
    if (label.paused) posteriors.set(label.id, 0);
    else if (known) {
      const text = texts.get(label.itemId) ?? '';
      posteriors.set(label.id, isGoldCorrect(label.value, known, text) ? 1 : 0);
      if (label.gold) {
        const entry = goldItems.get(label.itemId) ?? { value: label.gold, count: 0 };
        entry.count++;
        goldItems.set(label.itemId, entry);
      }
    } else open.push(label);
  }
  for (const [itemId, gold] of goldItems) {
    aggregates.push({
      itemId,
      value: gold.value,
      confidence: 1,
      agreement: null,
      method: 'gold',
      labelsCount: gold.count,
    });
  }

  const accuracy = aggregateOpen(campaign.spec.labelSchema, open, texts, posteriors, aggregates);
  const alpha = campaignAlpha(campaign.spec.labelSchema, open, texts);
  const now = startedAt.toISOString();
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
          values (${campaignId}, ${alpha}, ${count}, ${aggregates.length}, ${now})
          on conflict (campaign_id) do update set alpha = excluded.alpha,
            labels = excluded.labels, items = excluded.items, computed_at = excluded.computed_at`,
      tx,
    );
  });
  return { count: labels.length };
}

/** Aggregates the labels of items with no known answer; fills posteriors and aggregates. */
function aggregateOpen(
  schema: { kind: 'classification' | 'multi-label' | 'spans'; classes: string[] },
  open: readonly StoredLabel[],
  texts: ReadonlyMap<number, string>,
  posteriors: Map<string, number>,
  aggregates: ItemAggregate[],
): Map<string, number> {
  if (open.length === 0) return new Map();
  const byItem = new Map<number, StoredLabel[]>();
  for (const label of open) byItem.set(label.itemId, [...(byItem.get(label.itemId) ?? []), label]);
  const key = (label: StoredLabel) => `${label.itemId}|${label.labeler}`;
  const ids = new Map(open.map((label) => [key(label), label.id]));
  const agreement = (itemId: number) => pairwiseAgreement(byItem.get(itemId) ?? []);
  const counts = (itemId: number) => byItem.get(itemId)?.length ?? 0;

  if (schema.kind === 'classification') {
    const result = aggregateClassification(
      open.map((label) => ({
        item: String(label.itemId),
        labeler: label.labeler,
        label: label.value.kind === 'classification' ? label.value.class : 0,
      })),
      { classes: schema.classes.length },
    );
    for (const a of result.annotations) {
      posteriors.set(ids.get(`${a.item}|${a.labeler}`) ?? '', a.posterior);
    }
    for (const item of result.items) {
      const itemId = Number(item.item);
      aggregates.push({
        itemId,
        value: { kind: 'classification', class: item.value },
        confidence: item.confidence,
        agreement: agreement(itemId),
        method: item.method,
        labelsCount: counts(itemId),
      });
    }
    return result.labelerAccuracy;
  }
  if (schema.kind === 'multi-label') {
    const result = aggregateMultiLabel(
      open.map((label) => ({
        item: String(label.itemId),
        labeler: label.labeler,
        labels: label.value.kind === 'multi-label' ? label.value.classes : [],
      })),
      { classes: schema.classes.length },
    );
    for (const a of result.annotations) {
      posteriors.set(ids.get(`${a.item}|${a.labeler}`) ?? '', a.posterior);
    }
    for (const item of result.items) {
      const itemId = Number(item.item);
      aggregates.push({
        itemId,
        value: { kind: 'multi-label', classes: item.value },
        confidence: item.confidence,
        agreement: agreement(itemId),
        method: item.method,
        labelsCount: counts(itemId),
      });
    }
    return result.labelerAccuracy;
  }
  const result = aggregateSpans(
    open.map((label) => ({
      item: String(label.itemId),
      labeler: label.labeler,
      spans: label.value.kind === 'spans' ? toAggregateSpans(label.value.spans) : [],
    })),
    { texts: new Map([...texts].map(([id, text]) => [String(id), text])) },
  );
  for (const a of result.annotations) {
    posteriors.set(ids.get(`${a.item}|${a.labeler}`) ?? '', a.posterior);
  }
  for (const item of result.items) {
    const itemId = Number(item.item);
    aggregates.push({
      itemId,
      value: {
        kind: 'spans',
        spans: item.value.map((span) => ({ start: span.start, end: span.end, class: span.label })),
      },
      confidence: item.confidence,
      agreement: item.agreement,
      method: 'spans',
      labelsCount: counts(itemId),
    });
  }
  return result.labelerAccuracy;
}

/** Share of an item's label pairs that agree (token F1 for spans); null with one label. */
function pairwiseAgreement(labels: readonly StoredLabel[]): number | null {
  if (labels.length < 2) return null;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]?.value;
      const b = labels[j]?.value;
      if (!a || !b) continue;
      sum += sameLabel(a, b) ? 1 : 0;
      pairs++;
    }
  }
  return pairs === 0 ? null : sum / pairs;
}
