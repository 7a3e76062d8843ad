import { type LabelValue, labelValueSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import {
  aggregateOpenLabels,
  type ItemAggregate,
  type StoredLabel,
} from './aggregate-open-labels.ts';
import { campaignAlpha } from './campaign-alpha.ts';
import { isGoldCorrect } from './is-gold-correct.ts';
import { loadCampaign } from './load-campaign.ts';
import { storeAggregation } from './store-aggregation.ts';

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
  const { upToDate, labelCount } = await checkLastRun(deps, campaignId);
  if (upToDate && !options.force) return { count: 0 };
  const startedAt = deps.clock.now();
  const schema = campaign.spec.labelSchema;
  const { labels, texts } = await loadLabels(deps, campaignId, schema.kind);
  const known = scoreKnownLabels(labels, texts);
  const open = aggregateOpenLabels(schema, known.open, texts);
  await storeAggregation(deps, campaignId, {
    aggregates: [...known.aggregates, ...open.aggregates],
    posteriors: new Map([...known.posteriors, ...open.posteriors]),
    accuracy: open.accuracy,
    alpha: campaignAlpha(schema, known.open, texts),
    labelCount,
    startedAt: startedAt.toISOString(),
  });
  return { count: labels.length };
}

/**
 * The campaign's label count, and whether the last run is up to date: it saw as many labels as
 * there are and none changed after it.
 */
async function checkLastRun(
  deps: Pick<Deps, 'db'>,
  campaignId: string,
): Promise<{ upToDate: boolean; labelCount: number }> {
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
  const labelCount = state?.n ?? 0;
  const upToDate = Boolean(
    state?.run &&
      state.run_labels === labelCount &&
      (state.changed === null || new Date(state.changed) <= new Date(state.run)),
  );
  return { upToDate, labelCount };
}

/** Every label of the campaign with its item's gold and reviewed answers; span items' texts. */
async function loadLabels(
  deps: Pick<Deps, 'db'>,
  campaignId: string,
  kind: 'classification' | 'multi-label' | 'spans',
): Promise<{ labels: StoredLabel[]; texts: Map<number, string> }> {
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
          case when ${kind} = 'spans' then i.text end as text
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
  return { labels, texts };
}

/**
 * Scores the labels whose answer is known: a paused labeler's 0, a label on a gold or reviewed
 * item 1 when right and 0 when wrong; gold items get their gold answer as aggregate. The rest are
 * `open`, for aggregation.
 */
function scoreKnownLabels(
  labels: readonly StoredLabel[],
  texts: ReadonlyMap<number, string>,
): { posteriors: Map<string, number>; aggregates: ItemAggregate[]; open: StoredLabel[] } {
  const posteriors = new Map<string, number>();
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
  const aggregates: ItemAggregate[] = [...goldItems].map(([itemId, gold]) => ({
    itemId,
    value: gold.value,
    confidence: 1,
    agreement: null,
    method: 'gold',
    labelsCount: gold.count,
  }));
  return { posteriors, aggregates, open };
}
