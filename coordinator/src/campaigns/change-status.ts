import { campaigns, type PlazaTx } from '@plaza/db';
import type { CampaignChangeResponse } from '@plaza/protocol';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { AppError, NotFoundError } from '../errors.ts';
import { markHostsWithWork } from './rescope-frontier.ts';
import { toCampaign } from './to-campaign.ts';

/** A campaign's row, locked for the rest of the transaction; CAMPAIGN_NOT_FOUND when absent. */
export async function lockCampaign(tx: PlazaTx, id: string) {
  const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
  if (!row) throw new NotFoundError('CAMPAIGN_NOT_FOUND', `No campaign "${id}".`);
  return row;
}

/** Throws CAMPAIGN_CLOSED for a closed campaign. */
export function assertNotClosed(row: { id: string; status: string }, what: string): void {
  if (row.status === 'closed') {
    throw new AppError('CAMPAIGN_CLOSED', `Campaign "${row.id}" is closed; it cannot be ${what}.`);
  }
}

type Transition = 'pause' | 'resume' | 'close';

const target = { pause: 'paused', resume: 'active', close: 'closed' } as const;

/**
 * Pauses, resumes or closes a campaign. Pausing stops new fetch, labeling and pre-label leases
 * (leases already out run to their end). Resuming marks every host with queued URLs of the
 * campaign as having work again: leasing clears that mark on hosts whose only queued URLs belong
 * to a paused campaign. Closing is final: queued URLs are refused (`CAMPAIGN_CLOSED`); items,
 * labels and frozen versions stay, and a closed campaign can still be frozen. Pausing a paused
 * campaign (or resuming an active one) changes nothing; a closed campaign answers CAMPAIGN_CLOSED
 * to pause and resume.
 */
export async function changeCampaignStatus(
  deps: Pick<Deps, 'db' | 'clock' | 'logger'> & Partial<Pick<Deps, 'leaseQueue'>>,
  id: string,
  transition: Transition,
): Promise<CampaignChangeResponse> {
  // This process's queued claims of the campaign go back first (a close then refuses them);
  // other processes hand theirs out within their hold (PLAZA_LEASE_QUEUE_HOLD_SECONDS).
  if (transition !== 'resume') await deps.leaseQueue?.forgetCampaign(id);
  const result = await deps.db.db.transaction(async (tx) => {
    const row = await lockCampaign(tx, id);
    const frontier = { requeuedHosts: 0, requeued: 0, refused: 0 };
    if (row.status === 'closed' && transition === 'close')
      return { row, frontier, from: row.status };
    assertNotClosed(row, transition === 'pause' ? 'paused' : 'resumed');
    const [updated] = await tx
      .update(campaigns)
      .set({ status: target[transition] })
      .where(eq(campaigns.id, id))
      .returning();
    if (transition === 'resume') frontier.requeuedHosts = await markHostsWithWork(deps, tx, id);
    if (transition === 'close') {
      const refused = await deps.db.rows(
        sql`update frontier_urls set status = 'refused', reason = 'CAMPAIGN_CLOSED',
              updated_at = ${deps.clock.now().toISOString()}
            where campaign_id = ${id} and status = 'queued' returning id`,
        tx,
      );
      frontier.refused = refused.length;
    }
    return { row: updated ?? row, frontier, from: row.status };
  });
  if (result.from !== result.row.status) {
    deps.logger.info(`campaign ${target[transition]}`, {
      campaign: id,
      from: result.from,
      ...result.frontier,
    });
  }
  return { campaign: toCampaign(result.row), frontier: result.frontier };
}
