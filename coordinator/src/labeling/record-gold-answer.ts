import type { PlazaTx } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { wilsonInterval } from './aggregate/index.ts';

export interface RecordGoldAnswerParams {
  campaignId: string;
  labeler: string;
  spec: CampaignSpec;
  /** +1 for a new gold answer, 0 for an edit of one. */
  answered: number;
  /** The change in correct answers: +1, 0 or −1 (an edit that fixed or broke one). */
  correct: number;
}

/**
 * Adds a gold answer to the labeler's record in the campaign and pauses them once their accuracy,
 * after `minGoldAnswers`, is under the campaign's threshold. A paused labeler's ordinary labels stop
 * counting toward their items' overlap, so other labelers fill in, and the aggregation leaves them
 * out.
 */
export async function recordGoldAnswer(
  deps: Pick<Deps, 'db' | 'clock'>,
  tx: PlazaTx,
  params: RecordGoldAnswerParams,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  const [row] = await deps.db.rows<{ gold_answered: number; gold_correct: number; status: string }>(
    sql`insert into labeler_campaigns (campaign_id, labeler, gold_answered, gold_correct, status, updated_at)
        values (${params.campaignId}, ${params.labeler}, ${params.answered},
          ${Math.max(0, params.correct)}, 'active', ${now})
        on conflict (campaign_id, labeler) do update set
          gold_answered = labeler_campaigns.gold_answered + ${params.answered},
          gold_correct = greatest(0, labeler_campaigns.gold_correct + ${params.correct}),
          updated_at = ${now}
        returning gold_answered, gold_correct, status`,
    tx,
  );
  if (row?.status !== 'active') return;
  const answered = Number(row.gold_answered);
  const correct = Number(row.gold_correct);
  if (answered < params.spec.minGoldAnswers) return;
  const accuracy = wilsonInterval(correct, answered);
  if (accuracy.estimate >= params.spec.goldThreshold) return;
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
