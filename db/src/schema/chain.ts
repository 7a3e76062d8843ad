import { bigint, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** How far the chain indexer has read a contract: the last indexed block and its hash. */
export const chainCursors = pgTable(
  'chain_cursors',
  {
    chainId: integer('chain_id').notNull(),
    contract: text('contract').notNull(),
    blockNumber: bigint('block_number', { mode: 'number' }).notNull(),
    /** To notice a reorg that replaced the last indexed block. */
    blockHash: text('block_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chainId, t.contract] })],
);

/**
 * Every event of the Plaza contract, decoded, as the chain indexer mirrored it (versions, share
 * claims, license proposals, votes, settlements, revenue). Unique by (transaction, log index), so
 * indexing a block twice changes nothing; a reorg deletes the rows of the replaced blocks.
 */
export const chainEvents = pgTable(
  'chain_events',
  {
    chainId: integer('chain_id').notNull(),
    contract: text('contract').notNull(),
    blockNumber: bigint('block_number', { mode: 'number' }).notNull(),
    blockHash: text('block_hash').notNull(),
    txHash: text('tx_hash').notNull(),
    logIndex: integer('log_index').notNull(),
    name: text('name').notNull(),
    /** Decoded arguments; integers as decimal strings. */
    args: jsonb('args').notNull(),
    datasetId: bigint('dataset_id', { mode: 'number' }),
    version: integer('version'),
    proposalId: bigint('proposal_id', { mode: 'number' }),
    account: text('account'),
  },
  (t) => [
    primaryKey({ columns: [t.chainId, t.txHash, t.logIndex] }),
    index('chain_events_block_idx').on(t.chainId, t.contract, t.blockNumber),
    index('chain_events_dataset_idx').on(t.datasetId, t.version, t.name),
    index('chain_events_account_idx').on(t.account),
  ],
);
