import type { AddGoldRequest } from '@plaza/protocol';
import type { Deps } from '../deps.ts';
import { checkItemLabels } from './check-item-labels.ts';
import { writeGold } from './write-gold.ts';

/**
 * Makes items of a campaign gold (admin only): their known answers measure labelers. All or
 * nothing: one unknown item or invalid answer refuses the request. See {@link writeGold}.
 */
export async function addGold(
  deps: Pick<Deps, 'db' | 'clock'>,
  campaignId: string,
  request: Required<AddGoldRequest>,
): Promise<{ count: number }> {
  return deps.db.db.transaction(async (tx) => {
    const checked = await checkItemLabels(deps, tx, campaignId, request.items);
    await writeGold(
      deps,
      tx,
      campaignId,
      request.items.map((item, i) => ({ itemId: item.itemId, value: checked[i] ?? item.value })),
    );
    return { count: request.items.length };
  });
}
