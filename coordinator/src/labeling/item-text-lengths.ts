import type { PlazaTx } from '@plaza/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';

/**
 * The text length of each of `ids` in a campaign, to check span labels against; an id the campaign
 * does not have is `ITEM_NOT_FOUND`.
 */
export async function itemTextLengths(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  campaignId: string,
  ids: number[],
): Promise<(itemId: number) => number> {
  const rows = await deps.db.rows<{ id: number; len: number }>(
    sql`select id, length(text) as len from items
        where campaign_id = ${campaignId} and id = any(${`{${ids.join(',')}}`}::bigint[])`,
    tx,
  );
  const lengths = new Map(rows.map((row) => [Number(row.id), Number(row.len)]));
  return (itemId) => {
    const length = lengths.get(itemId);
    if (length === undefined) {
      throw new AppError('ITEM_NOT_FOUND', `Campaign "${campaignId}" has no item ${itemId}.`);
    }
    return length;
  };
}
