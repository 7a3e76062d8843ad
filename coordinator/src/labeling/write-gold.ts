import type { PlazaTx } from '@plaza/db';
import type { LabelValue } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { isGoldCorrect } from './is-gold-correct.ts';

/**
 * Writes checked gold answers of a campaign's items (admin only: the routes that call it require
 * the admin). An item that is not a task yet becomes one, blind-first by the same draw as every
 * other task, so a gold task looks like any other. Labels already given to these items are scored
 * again against the new answers (first answers only), with their labelers' live gold records.
 */
export async function writeGold(
  deps: Pick<Deps, 'db' | 'clock'>,
  tx: PlazaTx,
  campaignId: string,
  items: ReadonlyArray<{ itemId: number; value: LabelValue }>,
): Promise<void> {
  if (items.length === 0) return;
  const now = deps.clock.now().toISOString();
  const values = items.map((item) => ({ item_id: item.itemId, gold_value: item.value }));
  await deps.db.rows(
    sql`insert into label_tasks (item_id, campaign_id, labels_count, blind, gold_value, created_at)
        select g.item_id, ${campaignId}, 0,
          (abs(hashtext('blind:' || g.item_id::text)) % 10000) / 10000.0
            < coalesce((c.spec->>'blindFraction')::float8, 0.2),
          g.gold_value, ${now}
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          as g(item_id bigint, gold_value jsonb)
        join campaigns c on c.id = ${campaignId}
        on conflict (item_id) do update set gold_value = excluded.gold_value`,
    tx,
  );
  const ids = `{${items.map((item) => item.itemId).join(',')}}`;
  const labels = await deps.db.rows<{
    id: string;
    item_id: number;
    value: LabelValue;
    text: string;
  }>(
    sql`select l.id, l.item_id, l.value, i.text from labels l join items i on i.id = l.item_id
        where l.item_id = any(${ids}::bigint[])`,
    tx,
  );
  if (labels.length === 0) return;
  const gold = new Map(items.map((item) => [item.itemId, item.value]));
  const scored = labels.map((label) => {
    const answer = gold.get(Number(label.item_id));
    return {
      id: label.id,
      correct: answer ? isGoldCorrect(label.value, answer, label.text) : false,
    };
  });
  await deps.db.rows(
    sql`update labels l set gold_correct = s.correct
        from jsonb_to_recordset(${JSON.stringify(scored)}::jsonb) as s(id text, correct boolean)
        where l.id = s.id`,
    tx,
  );
  await deps.db.rows(
    sql`update labeler_campaigns lc set
          gold_answered = r.answered, gold_correct = r.correct, updated_at = ${now}
        from (select labeler, count(*) filter (where gold_correct is not null)::int as answered,
                count(*) filter (where gold_correct)::int as correct
              from labels where campaign_id = ${campaignId}
                and labeler in (select labeler from labels where item_id = any(${ids}::bigint[]))
              group by labeler) r
        where lc.campaign_id = ${campaignId} and lc.labeler = r.labeler`,
    tx,
  );
}
