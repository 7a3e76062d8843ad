import { plazaAbi } from '@plaza/contracts';
import { sql } from 'drizzle-orm';
import { type Address, type Hex, type PublicClient, parseEventLogs } from 'viem';
import type { Deps } from '../deps.ts';

/** One step of the indexer, and what it did. */
export interface IndexChainResult {
  fromBlock: number;
  toBlock: number;
  events: number;
  /** Blocks of events removed because the chain replaced them. */
  rewoundTo: number | null;
}

export interface IndexChainParams {
  client: Pick<PublicClient, 'getBlockNumber' | 'getBlock' | 'getLogs'>;
  chainId: number;
  plaza: Address;
  /** Blocks behind the head that are indexed; younger ones may still be replaced. */
  confirmations: number;
  /** At most this many blocks per step. @default 2000 */
  maxBlocks?: number;
}

const ID_ARGS = ['datasetId', 'version', 'proposalId'] as const;
const ACCOUNT_ARGS = ['account', 'voter', 'buyer', 'proposer', 'publisher', 'by'] as const;

/**
 * One step of the chain indexer: mirrors the Plaza contract's events of the blocks that have
 * `confirmations` blocks on top of them into `chain_events`, and moves the cursor. Safe across
 * reorgs: when the block under the cursor is no longer on the chain, the events of every replaced
 * block are deleted and indexing resumes from the newest block still on it. Safe across restarts
 * and processes: the cursor is in the database, inserts ignore events already there, and the
 * cursor only moves forward with the events it covers, in one transaction.
 */
export async function indexChain(
  deps: Pick<Deps, 'db'>,
  params: IndexChainParams,
): Promise<IndexChainResult> {
  const contract = params.plaza.toLowerCase();
  const [cursor] = await deps.db.rows<{ block_number: number; block_hash: string }>(
    sql`select block_number, block_hash from chain_cursors
        where chain_id = ${params.chainId} and contract = ${contract}`,
  );
  let rewoundTo: number | null = null;
  let next = 0;
  if (cursor) {
    const block = await params.client.getBlock({ blockNumber: BigInt(cursor.block_number) });
    if (block.hash === cursor.block_hash) next = Number(cursor.block_number) + 1;
    else {
      rewoundTo = await rewind(deps, params, contract);
      next = rewoundTo + 1;
    }
  }
  // viem caches the block number for its polling interval; a step must see the real head.
  const head = Number(await params.client.getBlockNumber({ cacheTime: 0 }));
  const safe = head - params.confirmations;
  const to = Math.min(safe, next + (params.maxBlocks ?? 2000) - 1);
  if (to < next) return { fromBlock: next, toBlock: next - 1, events: 0, rewoundTo };

  const before = await params.client.getBlock({ blockNumber: BigInt(to) });
  const logs = await params.client.getLogs({
    address: params.plaza,
    fromBlock: BigInt(next),
    toBlock: BigInt(to),
  });
  const after = await params.client.getBlock({ blockNumber: BigInt(to) });
  // The range changed under us: take it again next time.
  if (before.hash !== after.hash)
    return { fromBlock: next, toBlock: next - 1, events: 0, rewoundTo };

  const decoded = parseEventLogs({ abi: plazaAbi, logs: logs as never, strict: false });
  const rows = decoded.map((log) => {
    const args = (log.args ?? {}) as Record<string, unknown>;
    const plain = JSON.parse(
      JSON.stringify(args, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)),
    ) as Record<string, unknown>;
    const id = (name: (typeof ID_ARGS)[number]) =>
      args[name] === undefined ? null : Number(args[name] as bigint | number);
    const account = ACCOUNT_ARGS.map((name) => args[name]).find((v) => typeof v === 'string');
    return {
      block_number: Number(log.blockNumber),
      block_hash: log.blockHash as Hex,
      tx_hash: log.transactionHash as Hex,
      log_index: Number(log.logIndex),
      name: log.eventName,
      args: plain,
      dataset_id: id('datasetId'),
      version: id('version'),
      proposal_id: id('proposalId'),
      account: typeof account === 'string' ? account.toLowerCase() : null,
    };
  });
  await deps.db.db.transaction(async (tx) => {
    if (rows.length > 0) {
      await deps.db.rows(
        sql`insert into chain_events (chain_id, contract, block_number, block_hash, tx_hash,
              log_index, name, args, dataset_id, version, proposal_id, account)
            select ${params.chainId}, ${contract}, e.block_number, e.block_hash, e.tx_hash,
              e.log_index, e.name, e.args, e.dataset_id, e.version, e.proposal_id, e.account
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(block_number bigint,
              block_hash text, tx_hash text, log_index int, name text, args jsonb,
              dataset_id bigint, version int, proposal_id bigint, account text)
            on conflict do nothing`,
        tx,
      );
    }
    await deps.db.rows(
      sql`insert into chain_cursors (chain_id, contract, block_number, block_hash)
          values (${params.chainId}, ${contract}, ${to}, ${after.hash})
          on conflict (chain_id, contract) do update
            set block_number = excluded.block_number, block_hash = excluded.block_hash`,
      tx,
    );
  });
  return { fromBlock: next, toBlock: to, events: rows.length, rewoundTo };
}

/**
 * After a reorg: finds the newest indexed block that is still on the chain, deletes the events of
 * every block after it, and puts the cursor there (before the first block when none is left).
 */
async function rewind(
  deps: Pick<Deps, 'db'>,
  params: IndexChainParams,
  contract: string,
): Promise<number> {
  const blocks = await deps.db.rows<{ block_number: number; block_hash: string }>(
    sql`select distinct block_number, block_hash from chain_events
        where chain_id = ${params.chainId} and contract = ${contract}
        order by block_number desc limit 256`,
  );
  let keep = -1;
  let keepHash = '';
  for (const block of blocks) {
    const onChain = await params.client
      .getBlock({ blockNumber: BigInt(block.block_number) })
      .catch(() => null);
    if (onChain?.hash === block.block_hash) {
      keep = Number(block.block_number);
      keepHash = block.block_hash;
      break;
    }
  }
  await deps.db.db.transaction(async (tx) => {
    await deps.db.rows(
      sql`delete from chain_events
          where chain_id = ${params.chainId} and contract = ${contract} and block_number > ${keep}`,
      tx,
    );
    if (keep < 0) {
      await deps.db.rows(
        sql`delete from chain_cursors where chain_id = ${params.chainId} and contract = ${contract}`,
        tx,
      );
    } else {
      await deps.db.rows(
        sql`update chain_cursors set block_number = ${keep}, block_hash = ${keepHash}
            where chain_id = ${params.chainId} and contract = ${contract}`,
        tx,
      );
    }
  });
  return keep;
}
