import type { PlazaTx } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { wilsonInterval } from './aggregate/index.ts';
import { measureLabeler } from './measure-labeler.ts';

/**
 * New labels a labeler gives between two reports of their gold record. What a labeler sees of
 * their quality (gold record, agreement, posteriors, pending share) and the pause itself change
 * only once per batch, so no single answer's result can be attributed to it.
 */
export const REPORT_BATCH = 20;

/**
 * Counts a labeler's new label toward their next report; when a batch of {@link REPORT_BATCH} is
 * full, reports it: the gold record over every first answer so far, and the agreement, mean
 * posterior and pending share are stored for the labeler to see, and the labeler is paused once that record (after
 * `minGoldAnswers`) is under the campaign's threshold. A paused labeler's ordinary labels stop
 * counting toward their items' overlap, so other labelers fill in; aggregation leaves them out.
 * Runs in the label's transaction; the row lock on the labeler's standing serializes batches (a
 * concurrent label not yet committed is counted in the next batch).
 */
export async function reportLabels(
  deps: Pick<Deps, 'db' | 'clock'>,
  tx: PlazaTx,
  params: { campaignId: string; labeler: string; spec: CampaignSpec },
): Promise<void> {
  const now = deps.clock.now().toISOString();
  const [row] = await deps.db.rows<{ unreported_labels: number; status: string }>(
    sql`insert into labeler_campaigns (campaign_id, labeler, unreported_labels, status, updated_at)
        values (${params.campaignId}, ${params.labeler}, 1, 'active', ${now})
        on conflict (campaign_id, labeler) do update set
          unreported_labels = labeler_campaigns.unreported_labels + 1, updated_at = ${now}
        returning unreported_labels, status`,
    tx,
  );
  if (!row || row.unreported_labels < REPORT_BATCH) return;
  const [record] = await deps.db.rows<{ answered: number; correct: number }>(
    sql`select count(*) filter (where gold_correct is not null)::int as answered,
          count(*) filter (where gold_correct)::int as correct
        from labels where labeler = ${params.labeler} and campaign_id = ${params.campaignId}`,
    tx,
  );
  const answered = record?.answered ?? 0;
  const correct = record?.correct ?? 0;
  const quality = await measureLabeler(deps, tx, params);
  await deps.db.rows(
    sql`update labeler_campaigns set unreported_labels = 0, reported_gold_answered = ${answered},
          reported_gold_correct = ${correct}, reported_at = ${now},
          reported_stats = ${JSON.stringify(quality)}::jsonb
        where campaign_id = ${params.campaignId} and labeler = ${params.labeler}`,
    tx,
  );
  if (row.status !== 'active' || answered < params.spec.minGoldAnswers) return;
  const accuracy = wilsonInterval(correct, answered);
  if (accuracy.estimate >= params.spec.goldThreshold) return;
  await pauseLabeler(deps, tx, { ...params, correct, answered, accuracy });
}

async function pauseLabeler(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  params: {
    campaignId: string;
    labeler: string;
    spec: CampaignSpec;
    correct: number;
    answered: number;
    accuracy: { estimate: number; low: number; high: number };
  },
): Promise<void> {
  const { accuracy, correct, answered } = params;
  const percent = (x: number) => `${Math.round(x * 100)} %`;
  const reason =
    `Your accuracy on gold items is ${percent(accuracy.estimate)} (95 % interval ` +
    `${percent(accuracy.low)}–${percent(accuracy.high)}, ${correct} of ${answered}), under this ` +
    `campaign's ${percent(params.spec.goldThreshold)} threshold, so labeling is paused for you here.`;
  await deps.db.rows(
    sql`update labeler_campaigns set status = 'paused', paused_reason = ${reason}
        where campaign_id = ${params.campaignId} and labeler = ${params.labeler}`,
    tx,
  );
  await deps.db.rows(
    sql`update label_tasks t set labels_count = greatest(0, t.labels_count - 1)
        from labels l
        where l.item_id = t.item_id and l.labeler = ${params.labeler}
          and l.campaign_id = ${params.campaignId} and t.gold_value is null`,
    tx,
  );
}
