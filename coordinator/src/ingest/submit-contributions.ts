import { randomUUID } from 'node:crypto';
import {
  campaigns,
  contributionBatches,
  frontierUrls,
  jobs,
  type PlazaTransaction,
  receiptBatches,
} from '@plaza/db';
import {
  type CampaignSpec,
  type ContributionResult,
  contributionBatchTypes,
  hashItems,
  hashReceipt,
  type ParsedContributionItem,
  plazaDomain,
  type Receipt,
  receiptBatchTypes,
  type SubmitContributionsResponse,
} from '@plaza/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recoverTypedDataAddress } from 'viem';
import { unixSeconds } from '../clock.ts';
import { byteaHex, insertRows } from '../db/insert-rows.ts';
import { withRetry } from '../db/with-transaction-retry.ts';
import { serializeSignature } from '../dedup/index.ts';
import type { Deps } from '../deps.ts';
import { SignatureInvalidError, ValidationError } from '../errors.ts';
import { addUrls, type FrontierEntry } from '../frontier/add-urls.ts';
import { OPAQUE_REDIRECT } from '../frontier/resolve-redirects.ts';
import { checkJobs, type FreshItem } from './check-jobs.ts';
import { decideOutcomes, type ItemRef, pgArray } from './decide-outcomes.ts';
import { insertVariants } from './insert-variants.ts';
import { type PreparedItem, prepareItem } from './prepare-item.ts';

export interface SubmitContributionsParams {
  /** The device the bearer token authenticated. */
  device: `0x${string}`;
  signature: `0x${string}`;
  items: ParsedContributionItem[];
}

type ReceiptBatch = NonNullable<SubmitContributionsResponse['receiptBatch']>;

/** A receipts row, before its batch is known. */
interface ReceiptRow {
  contribution_id: string;
  issued_at: number;
  quality_score: number | null;
  struct_hash: string;
}

/**
 * Ingests a signed batch of contributions. Batch-level problems (content not matching its signed
 * hashes, a bad signature) reject the whole batch; job-level problems (unknown, foreign or expired
 * job, other content for a job already submitted) reject that item with a code. Every other item
 * gets a receipt: new content becomes an item (accepted, or low_quality under the campaign's
 * floor), exact and near duplicates join the first-seen item. Everything happens in one
 * transaction with a fixed number of statements per batch; receipts are signed inside it and sent
 * only after it committed. Submitting the same job and payload again returns the same receipt.
 */
export async function submitContributions(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'signer' | 'metrics' | 'logger' | 'minHasher'>,
  params: SubmitContributionsParams,
): Promise<SubmitContributionsResponse> {
  const prepared: PreparedItem[] = [];
  for (const [index, item] of params.items.entries()) {
    const result = await prepareItem(item, deps.minHasher);
    if ('field' in result) {
      throw new ValidationError(
        `Item ${index} (job ${item.jobId}): ${result.field} does not match the submitted content.`,
        { index, field: result.field },
      );
    }
    prepared.push(result);
  }
  const itemsHash = hashItems(prepared.map((p) => p.structHash));
  const signer = await recoverTypedDataAddress({
    domain: plazaDomain({ chainId: deps.config.PLAZA_CHAIN_ID, coordinator: deps.signer.address }),
    types: contributionBatchTypes,
    primaryType: 'ContributionBatch',
    message: { device: params.device, itemsHash, count: prepared.length },
    signature: params.signature,
  }).catch(() => null);
  if (signer?.toLowerCase() !== params.device) {
    throw new SignatureInvalidError(`The batch signature was not made by device ${params.device}.`);
  }

  // A unique violation means another process stored the same content first: run again, and it
  // is found as a duplicate.
  return withRetry(
    () =>
      deps.db.db.transaction(async (tx) => {
        const now = deps.clock.now();
        const { results, receiptHashes, fresh } = await checkJobs(tx, {
          device: params.device,
          now,
          prepared,
        });
        const receiptRows =
          fresh.length > 0
            ? await ingestFresh(deps, tx, {
                ...params,
                itemsHash,
                prepared,
                fresh,
                results,
                receiptHashes,
                now,
              })
            : [];
        const issued = receiptHashes.filter((h): h is `0x${string}` => h !== null);
        if (issued.length === 0) {
          return { results: results as ContributionResult[], receiptBatch: null };
        }
        const batch = await signReceipts(deps, issued, unixSeconds(now));
        const batchId = randomUUID();
        await tx.insert(receiptBatches).values({ id: batchId, ...batch });
        if (receiptRows.length > 0) {
          await insertRows(
            deps.db,
            tx,
            'receipts',
            receiptRows.map((r) => ({ ...r, batch_id: batchId })),
          );
        }
        return { results: results as ContributionResult[], receiptBatch: batch };
      }),
    4,
    ['40001', '40P01', '23505'],
  );
}

async function ingestFresh(
  deps: Pick<Deps, 'db' | 'clock' | 'metrics'>,
  tx: PlazaTransaction,
  params: SubmitContributionsParams & {
    itemsHash: `0x${string}`;
    prepared: PreparedItem[];
    fresh: FreshItem[];
    results: (ContributionResult | null)[];
    receiptHashes: (`0x${string}` | null)[];
    now: Date;
  },
): Promise<ReceiptRow[]> {
  const { fresh, now } = params;
  const nowIso = now.toISOString();
  const batchId = randomUUID();
  await tx.insert(contributionBatches).values({
    id: batchId,
    deviceAddress: params.device,
    signature: params.signature,
    itemsHash: params.itemsHash,
    itemHashes: params.prepared.map((p) => p.structHash),
    createdAt: now,
  });
  const campaignIds = [...new Set(fresh.map((f) => f.job.campaignId))];
  const campaignRows = await tx.select().from(campaigns).where(inArray(campaigns.id, campaignIds));
  const specs = new Map(campaignRows.map((c) => [c.id, c.spec as CampaignSpec]));

  // Serialize near-duplicate decisions on the same LSH buckets across coordinator processes.
  if (deps.db.dialect === 'postgres') {
    // Only fetched texts are compared; failed fetches all share the empty text's buckets and must
    // not serialize every submission on them.
    const fetched = fresh.filter((f) => f.prepared.isFetched);
    const keys = [...new Set(fetched.flatMap((f) => f.prepared.bands.map((b) => b.bucket)))].sort(
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    );
    if (keys.length > 0) {
      await tx.execute(
        sql`select pg_advisory_xact_lock(k) from unnest(${pgArray(keys)}::bigint[]) as k order by k`,
      );
    }
  }

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

  const newIds: number[] = [];
  if (newItems.length > 0) {
    const inserted = await insertRows<{ id: number; campaign_id: string; content_hash: string }>(
      deps.db,
      tx,
      'items',
      newItems.map(({ entry, quality }) => {
        const at = fresh.findIndex((f) => f.prepared === entry.prepared);
        const p = entry.prepared;
        return {
          campaign_id: entry.campaignId,
          contribution_id: contributionIds[at]!,
          device_address: params.device,
          url: p.item.finalUrl,
          title: p.item.title,
          text: p.item.text,
          content_hash: p.contentHash,
          minhash: byteaHex(serializeSignature(p.signature)),
          language: quality.language,
          language_confidence: quality.languageConfidence,
          quality_signals: quality.signals,
          quality_score: quality.score,
          created_at: nowIso,
        };
      }),
      sql`id, campaign_id, content_hash`,
    );
    const idByContent = new Map(
      inserted.map((r) => [`${r.campaign_id} ${r.content_hash}`, Number(r.id)]),
    );
    for (const { entry } of newItems) {
      newIds.push(idByContent.get(`${entry.campaignId} ${entry.prepared.contentHash}`)!);
    }
    await insertRows(
      deps.db,
      tx,
      'lsh_buckets',
      newItems.flatMap(({ entry }, i) =>
        entry.prepared.bands.map((b) => ({
          campaign_id: entry.campaignId,
          band: b.band,
          bucket: b.bucket.toString(),
          item_id: newIds[i]!,
        })),
      ),
    );
  }
  const itemId = (ref: ItemRef | null) =>
    ref === null ? null : ref.kind === 'stored' ? ref.id : newIds[ref.index]!;
  await insertVariants(
    deps.db,
    tx,
    fresh.flatMap((f, i) =>
      decisions[i]!.isNewVariant
        ? [
            {
              prepared: f.prepared,
              campaignId: f.job.campaignId,
              itemId: itemId(decisions[i]!.item)!,
              contributionId: contributionIds[i]!,
              createdAt: nowIso,
            },
          ]
        : [],
    ),
  );

  const issuedAt = unixSeconds(now);
  const contributionRows = fresh.map(({ index, prepared: p, job }, i) => {
    const decision = decisions[i]!;
    const row = {
      id: contributionIds[i]!,
      job_id: job.id,
      batch_id: batchId,
      batch_index: index,
      struct_hash: p.structHash,
      campaign_id: job.campaignId,
      device_address: params.device,
      url: p.item.url,
      final_url: p.item.finalUrl,
      http_status: p.item.httpStatus,
      body_hash: p.item.bodyHash,
      text_hash: p.item.textHash,
      links_hash: p.item.linksHash,
      fetched_at: new Date(p.item.fetchedAt * 1000).toISOString(),
      content_type: p.item.contentType,
      body_bytes: p.item.bodyBytes,
      content_hash: p.contentHash,
      outcome: decision.outcome,
      reason: decision.reason,
      item_id: itemId(decision.item),
      similarity: decision.similarity,
      created_at: nowIso,
    };
    const receipt: Receipt = {
      contributionId: row.id,
      jobId: row.job_id,
      contentHash: p.contentHash,
      device: params.device,
      campaignId: row.campaign_id,
      outcome: row.outcome,
      issuedAt,
      itemId: row.item_id === null ? null : String(row.item_id),
      qualityScore: decision.qualityScore,
    };
    const structHash = hashReceipt(receipt);
    params.results[index] = { ok: true, receipt };
    params.receiptHashes[index] = structHash;
    deps.metrics.contributions.inc({ outcome: row.outcome });
    return row;
  });
  await insertRows(deps.db, tx, 'contributions', contributionRows);
  const receiptRows = contributionRows.map((row, i) => ({
    contribution_id: row.id,
    issued_at: issuedAt,
    quality_score: decisions[i]!.qualityScore,
    struct_hash: params.receiptHashes[fresh[i]!.index]!,
  }));

  const joined = new Map<number, number>();
  for (const row of contributionRows) {
    if ((row.outcome === 'duplicate' || row.outcome === 'near_duplicate') && row.item_id !== null) {
      joined.set(row.item_id, (joined.get(row.item_id) ?? 0) + 1);
    }
  }
  if (joined.size > 0) {
    const ids = [...joined.keys()].sort((a, b) => a - b);
    await tx.execute(sql`
      update items set duplicate_count = items.duplicate_count + v.n
      from unnest(${pgArray(ids)}::bigint[], ${pgArray(ids.map((id) => joined.get(id)!))}::int[]) as v(id, n)
      where items.id = v.id`);
  }

  await tx
    .update(jobs)
    .set({ state: 'submitted' })
    .where(
      inArray(
        jobs.id,
        fresh.map((f) => f.job.id),
      ),
    );
  await tx
    .update(frontierUrls)
    .set({ status: 'done', leaseExpiresAt: null, updatedAt: now })
    .where(
      and(
        inArray(
          frontierUrls.id,
          fresh.map((f) => f.job.frontierUrlId),
        ),
        eq(frontierUrls.status, 'leased'),
      ),
    );
  const redirected = fresh.filter((f) => f.prepared.item.httpStatus === 0);
  if (redirected.length > 0) {
    await tx
      .update(frontierUrls)
      .set({ reason: OPAQUE_REDIRECT })
      .where(
        inArray(
          frontierUrls.id,
          redirected.map((f) => f.job.frontierUrlId),
        ),
      );
  }
  await reopenHosts(tx, now, fresh, specs);

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
  return receiptRows;
}

/** Each host may be fetched again after the campaign's delay or its Crawl-delay, whichever is longer. */
async function reopenHosts(
  tx: PlazaTransaction,
  now: Date,
  fresh: readonly FreshItem[],
  specs: Map<string, CampaignSpec>,
) {
  const delayByHost = new Map<string, number>();
  for (const { job } of fresh) {
    const delay = specs.get(job.campaignId)?.politeness.minDelayMs ?? 1000;
    delayByHost.set(job.host, Math.max(delayByHost.get(job.host) ?? 0, delay));
  }
  const hostNames = [...delayByHost.keys()].sort();
  const delays = hostNames.map((h) => delayByHost.get(h)!);
  await tx.execute(sql`
    update hosts set next_fetch_at = ${now.toISOString()}::timestamptz
      + (greatest(hosts.crawl_delay_ms, v.delay) * interval '1 millisecond')
    from unnest(${`{${hostNames.map((h) => `"${h}"`).join(',')}}`}::text[], ${pgArray(delays)}::int[]) as v(host, delay)
    where hosts.host = v.host`);
}

async function signReceipts(
  deps: Pick<Deps, 'config' | 'signer'>,
  structHashes: `0x${string}`[],
  issuedAt: number,
): Promise<ReceiptBatch> {
  const itemsHash = hashItems(structHashes);
  const signature = await deps.signer.signTypedData({
    domain: plazaDomain({ chainId: deps.config.PLAZA_CHAIN_ID, coordinator: deps.signer.address }),
    types: receiptBatchTypes,
    primaryType: 'ReceiptBatch',
    message: { itemsHash, count: structHashes.length, issuedAt: BigInt(issuedAt) },
  });
  return {
    itemsHash,
    count: structHashes.length,
    issuedAt,
    coordinator: deps.signer.address.toLowerCase() as `0x${string}`,
    signature,
  };
}
