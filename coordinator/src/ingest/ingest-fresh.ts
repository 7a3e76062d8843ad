import { randomUUID } from 'node:crypto';
import type { Db, PlazaTransaction } from '@plaza/db';
import { campaigns, contributionBatches } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import { inArray, sql } from 'drizzle-orm';
import { insertRows } from '../db/insert-rows.ts';
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
import { pgArray } from './find-candidates.ts';
import type { PreparedItem } from './prepare-item.ts';
import { storeNewItems } from './store-new-items.ts';

/** What {@link ingestFresh} stored: the receipts to sign, by batch index, and their rows. */
export interface FreshOutcome {
  receipts: IssuedReceipts;
  receiptRows: ReceiptRow[];
}

/**
 * Stores the fresh items of a batch, inside its transaction, as the data path says: the signed
 * batch; near-duplicate buckets locked (PostgreSQL); outcomes decided; new items and their LSH
 * buckets; contributions; duplicate counts; jobs, URLs and hosts closed; links queued. Returns
 * the receipts; the caller signs and stores them.
 */
export async function ingestFresh(
  deps: Pick<Deps, 'db' | 'clock' | 'metrics'>,
  tx: PlazaTransaction,
  params: {
    device: `0x${string}`;
    signature: `0x${string}`;
    itemsHash: `0x${string}`;
    prepared: readonly PreparedItem[];
    fresh: readonly FreshItem[];
    now: Date;
    hashReceipt: StructHasher;
  },
): Promise<FreshOutcome> {
  const { fresh, now } = params;
  const batchId = await insertContributionBatch(tx, params);
  const specs = await loadCampaignSpecs(tx, fresh);
  await lockNearDuplicateBuckets(deps.db, tx, fresh);
  const { decisions, newItems } = await decideOutcomes(
    deps,
    tx,
    fresh.map((f) => ({
      prepared: f.prepared,
      campaignId: f.job.campaignId,
      spec: specs.get(f.job.campaignId)!,
    })),
  );
  const contributionIds = fresh.map(() => randomUUID());
  const contributionOf = new Map(fresh.map((f, i) => [f.prepared, contributionIds[i]!]));
  const newItemIds = await storeNewItems(deps.db, tx, {
    newItems,
    contributionIdOf: (item: NewItem) => contributionOf.get(item.entry.prepared)!,
    device: params.device,
    now,
  });
  const built = buildContributions({
    fresh,
    decisions,
    contributionIds,
    newItemIds,
    batchId,
    device: params.device,
    now,
    hashReceipt: params.hashReceipt,
  });
  await insertRows(deps.db, tx, 'contributions', built.rows);
  await countJoinedDuplicates(deps.db, tx, built.rows);
  await closeJobs(deps.db, tx, { fresh, specs, now });
  await queueLinks(deps, tx, fresh, specs);
  for (const row of built.rows) deps.metrics.contributions.inc({ outcome: row.outcome });
  return { receipts: built.receipts, receiptRows: built.receiptRows };
}

/** Keeps the device's signed batch, so anyone can check any contribution later. */
async function insertContributionBatch(
  tx: PlazaTransaction,
  params: {
    device: string;
    signature: string;
    itemsHash: string;
    prepared: readonly PreparedItem[];
    now: Date;
  },
): Promise<string> {
  const id = randomUUID();
  await tx.insert(contributionBatches).values({
    id,
    deviceAddress: params.device,
    signature: params.signature,
    itemsHash: params.itemsHash,
    itemHashes: params.prepared.map((p) => p.structHash),
    createdAt: params.now,
  });
  return id;
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
