import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { requireSession } from '../middleware/auth.ts';
import { readQuery } from '../read-query.ts';

/** Exported for the OpenAPI document. */
export const eventsQuerySchema = z.object({
  datasetId: z.coerce.number().int().min(1).optional(),
  // The table holds versions as 32-bit integers: a larger one could not match any row.
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .optional(),
  proposalId: z.coerce.number().int().min(1).optional(),
  account: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .transform((value) => value.toLowerCase())
    .optional(),
  name: z
    .string()
    .regex(/^[A-Za-z]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * `GET /v1/chain/info`: the chain id and the Plaza contract's address (null without a chain), so
 * the web app's wallet knows where to send transactions; the network's name and public RPC URL
 * (to add it to a wallet) and, on the coordinator's own anvil, its test-token faucet.
 * `POST /v1/chain/faucet`: mints the local chain's TestUSD (and gas) to the signed-in account.
 * `GET /v1/chain/events`: the Plaza contract's events as the indexer mirrored them, newest first.
 */
export function chainRoutes(deps: Deps) {
  const { chainAccess } = deps;
  const { faucet } = chainAccess;
  const routes = new Hono()
    .get('/info', (c) =>
      c.json({
        chainId: deps.config.PLAZA_CHAIN_ID,
        plaza: deps.publisher ? deps.publisher.plaza.toLowerCase() : null,
        name: chainAccess.name,
        rpcUrl: chainAccess.rpcUrl,
        isLocal: chainAccess.isLocal,
        faucet: faucet
          ? {
              token: faucet.token.toLowerCase(),
              symbol: faucet.symbol,
              decimals: faucet.decimals,
              amount: faucet.amount.toString(),
            }
          : null,
      }),
    )
    .post('/faucet', requireSession(deps), async (c) => {
      if (!faucet) {
        throw new AppError(
          'FAUCET_UNAVAILABLE',
          `Chain ${deps.config.PLAZA_CHAIN_ID} is not this coordinator's local test chain: it has no faucet.`,
        );
      }
      const drip = await faucet.drip(c.get('account').address);
      return c.json({
        token: drip.token.toLowerCase(),
        amount: drip.amount.toString(),
        txHash: drip.txHash,
        etherBalance: drip.etherBalance.toString(),
        nextDripAt: drip.nextDripAt,
      });
    });
  return routes.get('/events', async (c) => {
    const q = readQuery(c, eventsQuerySchema);
    const rows = await deps.db.rows<Record<string, unknown>>(
      sql`select block_number, tx_hash, log_index, name, args, dataset_id, version, proposal_id,
            account
          from chain_events
          where (${q.datasetId ?? null}::bigint is null or dataset_id = ${q.datasetId ?? null})
            and (${q.version ?? null}::int is null or version = ${q.version ?? null})
            and (${q.proposalId ?? null}::bigint is null or proposal_id = ${q.proposalId ?? null})
            and (${q.account ?? null}::text is null or account = ${q.account ?? null})
            and (${q.name ?? null}::text is null or name = ${q.name ?? null})
          order by block_number desc, log_index desc limit ${q.limit}`,
    );
    const [cursor] = await deps.db.rows<{ block_number: number }>(
      sql`select max(block_number) as block_number from chain_cursors`,
    );
    return c.json({
      indexedThrough: cursor?.block_number === null ? null : Number(cursor?.block_number ?? 0),
      events: rows.map((row) => ({
        blockNumber: Number(row.block_number),
        txHash: row.tx_hash,
        logIndex: Number(row.log_index),
        name: row.name,
        args: row.args,
        datasetId: row.dataset_id === null ? null : Number(row.dataset_id),
        version: row.version === null ? null : Number(row.version),
        proposalId: row.proposal_id === null ? null : Number(row.proposal_id),
        account: row.account,
      })),
    });
  });
}
