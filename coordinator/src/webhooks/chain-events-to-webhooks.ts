import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { emitWebhookEvents, type WebhookEventInput } from './emit-event.ts';

const CURSOR = 'chain-events';

interface ChainEventRow extends Record<string, unknown> {
  chain_id: number;
  tx_hash: string;
  log_index: number;
  block_number: number;
  name: string;
  args: Record<string, unknown>;
  dataset_id: number | null;
  version: number | null;
  proposal_id: number | null;
}

/** The webhook events one mirrored chain event makes (a settlement that approves makes two). */
export function toWebhookEvents(event: ChainEventRow): WebhookEventInput[] {
  const id = (type: string) => `${type}:${event.chain_id}:${event.tx_hash}:${event.log_index}`;
  const chain = {
    chainId: event.chain_id,
    txHash: event.tx_hash,
    blockNumber: event.block_number,
    logIndex: event.log_index,
  };
  const args = event.args;
  switch (event.name) {
    case 'VersionProposed':
      return [{ id: id('version.published'), type: 'version.published', data: { ...args, chain } }];
    case 'LicenseProposed':
      return [{ id: id('license.proposed'), type: 'license.proposed', data: { ...args, chain } }];
    case 'LicenseApproved':
      return [
        { id: id('license.approved'), type: 'license.approved', data: { ...args, chain } },
        {
          id: id('license.settled'),
          type: 'license.settled',
          data: { ...args, outcome: 'approved', chain },
        },
      ];
    case 'LicenseRefunded':
      return [
        {
          id: id('license.settled'),
          type: 'license.settled',
          data: { ...args, outcome: 'refunded', chain },
        },
      ];
    default:
      return [];
  }
}

/**
 * One step of the chain → webhooks loop: turns the chain events the indexer mirrored since the
 * cursor (version proposals, license proposals and settlements) into webhook events. The first
 * run starts at the newest mirrored block, so history is not replayed to endpoints. Safe in many
 * processes: event ids are derived from the chain event, so each is recorded once.
 */
export async function chainEventsToWebhooks(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const [cursor] = await deps.db.rows<{ block_number: number }>(
    sql`select block_number from webhook_cursors where name = ${CURSOR}`,
  );
  if (!cursor) {
    await deps.db.rows(
      sql`insert into webhook_cursors (name, block_number)
          select ${CURSOR}, coalesce(max(block_number), -1) from chain_events
          on conflict do nothing`,
    );
    return 0;
  }
  // The indexer mirrors increasing block ranges, each in one transaction, and only confirmed
  // blocks: nothing new ever lands at or below a block already seen.
  const from = cursor.block_number;
  const rows = await deps.db.rows<ChainEventRow>(
    sql`select chain_id, tx_hash, log_index, block_number, name, args, dataset_id, version, proposal_id
        from chain_events
        where block_number > ${from}
          and name in ('VersionProposed', 'LicenseProposed', 'LicenseApproved', 'LicenseRefunded')
        order by block_number, log_index`,
  );
  const emitted = await emitWebhookEvents(deps, rows.flatMap(toWebhookEvents));
  const newest = rows.reduce((max, r) => Math.max(max, r.block_number), -1);
  if (newest > cursor.block_number) {
    await deps.db.rows(
      sql`update webhook_cursors set block_number = greatest(block_number, ${newest})
          where name = ${CURSOR}`,
    );
  }
  return emitted;
}
