import type { PlazaTx } from '@plaza/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

export interface RecordGoldAnswerParams {
  campaignId: string;
  labeler: string;
  /** Whether the first answer matched the gold answer. */
  correct: boolean;
}

/**
 * Adds a first answer on a gold item to the labeler's live gold record in the campaign. The live
 * record is for the operator's dashboard only: the labeler sees, and is paused by, the record as
 * of their last report ({@link reportLabels}), so no single answer can be told apart.
 */
export async function recordGoldAnswer(
  deps: Pick<Deps, 'db' | 'clock'>,
  tx: PlazaTx,
  params: RecordGoldAnswerParams,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  const correct = params.correct ? 1 : 0;
  await deps.db.rows(
    sql`insert into labeler_campaigns (campaign_id, labeler, gold_answered, gold_correct, status, updated_at)
        values (${params.campaignId}, ${params.labeler}, 1, ${correct}, 'active', ${now})
        on conflict (campaign_id, labeler) do update set
          gold_answered = labeler_campaigns.gold_answered + 1,
          gold_correct = labeler_campaigns.gold_correct + ${correct},
          updated_at = ${now}`,
    tx,
  );
}
