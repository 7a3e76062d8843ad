import type { PlazaTx } from '@plaza/db';
import type { LabelValue } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { AppError, ValidationError } from '../errors.ts';
import { checkLabel } from './check-label.ts';
import { loadCampaign } from './load-campaign.ts';

/**
 * Checks labels given for items of a campaign (gold answers, imported pre-labels) against its
 * label schema and each item's text, and returns them in canonical form, in order. An id the
 * campaign does not have is `ITEM_NOT_FOUND`; an invalid label is `LABEL_INVALID`; an item given
 * twice is `VALIDATION_FAILED` (one statement cannot write a row twice, and which of two answers
 * would win is not for the coordinator to guess).
 */
export async function checkItemLabels(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  campaignId: string,
  items: ReadonlyArray<{ itemId: number; value: LabelValue }>,
): Promise<LabelValue[]> {
  const ids = items.map((item) => item.itemId);
  const first = new Map<number, number>();
  ids.forEach((id, index) => {
    const earlier = first.get(id);
    if (earlier !== undefined) {
      throw new ValidationError(`Item ${id} is given twice (items.${earlier} and items.${index}).`);
    }
    first.set(id, index);
  });
  const campaign = await loadCampaign(tx, campaignId);
  const rows = await deps.db.rows<{ id: number; len: number }>(
    sql`select id, length(text) as len from items
        where campaign_id = ${campaignId} and id = any(${`{${ids.join(',')}}`}::bigint[])`,
    tx,
  );
  const lengths = new Map(rows.map((row) => [row.id, row.len]));
  return items.map((item) => {
    const length = lengths.get(item.itemId);
    if (length === undefined) {
      throw new AppError('ITEM_NOT_FOUND', `Campaign "${campaignId}" has no item ${item.itemId}.`);
    }
    return checkLabel(campaign.spec.labelSchema, item.value, length);
  });
}
