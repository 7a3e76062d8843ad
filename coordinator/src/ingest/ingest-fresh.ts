import { randomUUID } from 'node:crypto';
import type { Db, PlazaTransaction } from '@plaza/db';
import { campaigns } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import { inArray, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { addUrls, type FrontierEntry } from '../frontier/add-urls.ts';
import type { StructHasher } from '../signing/create-struct-hasher.ts';
import {
  buildContributions,
  type ContributionRow,
  type IssuedReceipts,
  type ReceiptRow,
} from './build-contributions.ts';
import type { FreshItem } from './check-jobs.ts';
import { closeJobs } from './close-jobs.ts';
import { decideOutcomes, type NewItem } from './decide-outcomes.ts';
import { findCandidatesByCampaign, pgArray } from './find-candidates.ts';
import { type BatchRows, insertBatchRows } from './insert-batch-rows.ts';
import { allocateItemIds, newItemRows } from './new-item-rows.ts';
import type { PreparedItem } from './prepare-item.ts';
import { type NewVariant, variantRows } from './variant-rows.ts';

/** Everything the fresh items of a batch will write, decided; and the receipts to sign. */
export interface FreshPlan {
  batchId: string;
  specs: Map<string, CampaignSpec>;
  newItems: NewItem[];
  newItemIds: number[];
  rows: ContributionRow[];
  receipts: IssuedReceipts;
  receiptRows: ReceiptRow[];
  /** Near duplicates that are new members of their item's group. */
  variants: NewVariant[];
}

/** What a batch submitted: the device's signature over its items, and the items. */
interface SignedBatch {
  device: `0x${string}`;
  signature: `0x${string}`;
  itemsHash: `0x${string}`;
  prepared: readonly PreparedItem[];
}

/**
 * Reads what the fresh items of a batch are decided against and decides them, inside the batch's
 * transaction, in two round trips whatever the batch size: campaign specs, the near-duplicate
 * buckets' locks (PostgreSQL), stored candidates and ids for the new items go together (a
 * pipeline: the lock comes first on the connection, so the candidates are read under it); then
 * the texts of MinHash-confirmed candidates. Writes nothing (see {@link writeFresh}).
 */
export async function planFresh(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTransaction,
  params: SignedBatch & { fresh: readonly FreshItem[]; now: Date; hashReceipt: StructHasher },
): Promise<FreshPlan> {
  const { fresh } = params;
  const entries = fresh.map((f) => ({ prepared: f.prepared, campaignId: f.job.campaignId }));
  const fetched = fresh.filter((f) => f.prepared.isFetched).length;
  const locked = lockNearDuplicateBuckets(deps.db, tx, fresh);
  const [specs, candidates, ids] = await Promise.all([
    loadCampaignSpecs(tx, fresh),
    findCandidatesByCampaign(deps.db, tx, entries),
    allocateItemIds(deps.db, tx, fetched),
    locked,
  ]);
  const { decisions, newItems } = decideOutcomes(
    entries.map((entry) => ({ ...entry, spec: specs.get(entry.campaignId)! })),
    candidates,
  );
  const batchId = randomUUID();
  const newItemIds = ids.slice(0, newItems.length);
  const built = buildContributions({
    fresh,
    decisions,
    contributionIds: fresh.map(() => randomUUID()),
    newItemIds,
    batchId,
    device: params.device,
    now: params.now,
    hashReceipt: params.hashReceipt,
  });
  const variants = fresh.flatMap((f, i): NewVariant[] => {
    const row = built.rows[i]!;
    if (!decisions[i]!.isNewVariant || row.item_id === null) return [];
    return [
      {
        prepared: f.prepared,
        campaignId: f.job.campaignId,
        itemId: row.item_id,
        contributionId: row.id,
        createdAt: row.created_at,
      },
    ];
  });
  return { batchId, specs, newItems, newItemIds, ...built, variants };
}

/**
 * Writes a {@link FreshPlan}: every row it adds (the signed batch, contributions, new items,
 * variants, their buckets, and `receipts`: the signed receipt batch's rows) in one statement
 * (`insertBatchRows`); pipelined behind it on the transaction's connection, the duplicate counts
 * (after the insert: a duplicate may join an item of the same batch), closed jobs, URLs and
 * hosts, and queued links.
 */
export async function writeFresh(
  deps: Pick<Deps, 'db' | 'clock' | 'metrics'>,
  tx: PlazaTransaction,
  params: SignedBatch & {
    plan: FreshPlan;
    fresh: readonly FreshItem[];
    now: Date;
    receipts: Pick<BatchRows, 'receiptBatches' | 'receipts'>;
  },
): Promise<void> {
  const { plan, fresh, now } = params;
  const contributionOf = new Map(fresh.map((f, i) => [f.prepared, plan.rows[i]!.id]));
  const items = newItemRows({
    ids: plan.newItemIds,
    newItems: plan.newItems,
    contributionIdOf: (item) => contributionOf.get(item.entry.prepared)!,
    device: params.device,
    now,
  });
  const variants = variantRows(plan.variants);
  await Promise.all([
    insertBatchRows(deps.db, tx, {
      contributionBatches: [contributionBatchRow({ ...params, id: plan.batchId })],
      contributions: plan.rows,
      items: items.items,
      itemBuckets: items.buckets,
      variants: variants.variants,
      variantBuckets: variants.buckets,
      ...params.receipts,
    }),
    countJoinedDuplicates(deps.db, tx, plan.rows),
    closeJobs(deps.db, tx, { fresh, specs: plan.specs, now }),
    queueLinks(deps, tx, fresh, plan.specs),
  ]);
  for (const row of plan.rows) deps.metrics.contributions.inc({ outcome: row.outcome });
}

/** The device's signed batch, kept so anyone can check any contribution later. */
function contributionBatchRow(params: SignedBatch & { id: string; now: Date }) {
  return {
    id: params.id,
    device_address: params.device,
    signature: params.signature,
    items_hash: params.itemsHash,
    item_hashes: params.prepared.map((p) => p.structHash),
    created_at: params.now.toISOString(),
  };
}

async function loadCampaignSpecs(
  tx: PlazaTransaction,
  fresh: readonly FreshItem[],
): Promise<Map<string, CampaignSpec>> {
  const ids = [...new Set(fresh.map((f) => f.job.campaignId))];
  const rows = await tx
    .select({ id: campaigns.id, spec: campaigns.spec })
    .from(campaigns)
    .where(inArray(campaigns.id, ids));
  return new Map(rows.map((c) => [c.id, c.spec as CampaignSpec]));
}

/**
 * Serializes near-duplicate decisions on the same LSH buckets across coordinator processes
 * (PostgreSQL; PGlite has one writer). Only fetched texts are compared; failed fetches all share
 * the empty text's buckets and must not serialize every submission on them.
 */
async function lockNearDuplicateBuckets(
  db: Db,
  tx: PlazaTransaction,
  fresh: readonly FreshItem[],
): Promise<void> {
  if (db.dialect !== 'postgres') return;
  const fetched = fresh.filter((f) => f.prepared.isFetched);
  const keys = [...new Set(fetched.flatMap((f) => f.prepared.bands.map((b) => b.bucket)))].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  if (keys.length === 0) return;
  await tx.execute(
    sql`select pg_advisory_xact_lock(k) from unnest(${pgArray(keys)}::bigint[]) as k order by k`,
  );
}

/** Adds to each joined item the number of contributions that joined it as duplicates. */
async function countJoinedDuplicates(
  db: Db,
  tx: PlazaTransaction,
  rows: readonly ContributionRow[],
): Promise<void> {
  const joined = new Map<number, number>();
  for (const row of rows) {
    if ((row.outcome === 'duplicate' || row.outcome === 'near_duplicate') && row.item_id !== null) {
      joined.set(row.item_id, (joined.get(row.item_id) ?? 0) + 1);
    }
  }
  if (joined.size === 0) return;
  const ids = [...joined.keys()].sort((a, b) => a - b);
  await db.rows(
    sql`update items set duplicate_count = items.duplicate_count + v.n
        from unnest(${pgArray(ids)}::bigint[], ${pgArray(ids.map((id) => joined.get(id)!))}::int[]) as v(id, n)
        where items.id = v.id`,
    tx,
  );
}

/** Queues the in-scope links of the fetched pages in their campaigns' frontiers. */
async function queueLinks(
  deps: Pick<Deps, 'db' | 'clock' | 'metrics'>,
  tx: PlazaTransaction,
  fresh: readonly FreshItem[],
  specs: ReadonlyMap<string, CampaignSpec>,
): Promise<void> {
  const links = new Map<string, FrontierEntry[]>();
  for (const { prepared: p, job } of fresh) {
    if (!p.isFetched || p.item.links.length === 0) continue;
    const list = links.get(job.campaignId) ?? [];
    for (const url of p.item.links) list.push({ url, discoveredFrom: job.frontierUrlId, depth: 1 });
    links.set(job.campaignId, list);
  }
  for (const [campaignId, entries] of links) {
    await addUrls(deps, tx, { id: campaignId, spec: specs.get(campaignId)! }, entries);
  }
}
