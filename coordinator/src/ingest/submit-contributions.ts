import { randomUUID } from 'node:crypto';
import {
  campaigns,
  contributionBatches,
  contributions,
  frontierUrls,
  items,
  jobs,
  lshBuckets,
  receiptBatches,
  receipts,
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
  receiptBatchTypedData,
  type SubmitContributionsResponse,
} from '@plaza/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recoverTypedDataAddress } from 'viem';
import { unixSeconds } from '../clock.ts';
import { withTransactionRetry } from '../db/with-transaction-retry.ts';
import type { Deps } from '../deps.ts';
import { AppError, SignatureInvalidError, ValidationError } from '../errors.ts';
import { addUrls, type FrontierEntry } from '../frontier/add-urls.ts';
import { OPAQUE_REDIRECT } from '../frontier/resolve-redirects.ts';
import { computeQuality } from '../quality/index.ts';
import { findDuplicate, type ItemOutcome } from './find-duplicate.ts';
import { type PreparedItem, prepareItem } from './prepare-item.ts';
import { receiptFromRow } from './receipt-from-row.ts';

export interface SubmitContributionsParams {
  /** The device the bearer token authenticated. */
  device: `0x${string}`;
  signature: `0x${string}`;
  items: ParsedContributionItem[];
}

type Quality = Awaited<ReturnType<typeof computeQuality>>;

/**
 * Ingests a signed batch of contributions. Batch-level problems (content not matching its signed
 * hashes, a bad signature) reject the whole batch; job-level problems (unknown, foreign or expired
 * job, a different payload for a job already submitted) reject that item with a code. Every other
 * item gets a receipt: new content becomes an item (accepted, or low_quality under the campaign's
 * floor), exact and near duplicates join the first-seen item. Receipts are signed and returned only
 * after the transaction committed; submitting the same job and payload again returns the same
 * receipt.
 */
export async function submitContributions(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'signer' | 'metrics' | 'logger' | 'minHasher'>,
  params: SubmitContributionsParams,
): Promise<SubmitContributionsResponse> {
  const prepared: PreparedItem[] = [];
  for (const [index, item] of params.items.entries()) {
    const result = prepareItem(item, deps.minHasher);
    if ('field' in result) {
      throw new ValidationError(
        `Item ${index} (job ${item.jobId}): ${result.field} does not match the submitted content.`,
        { index, field: result.field },
      );
    }
    prepared.push(result);
  }
  const domain = plazaDomain({
    chainId: deps.config.PLAZA_CHAIN_ID,
    coordinator: deps.signer.address,
  });
  const signer = await recoverTypedDataAddress({
    domain,
    types: contributionBatchTypes,
    primaryType: 'ContributionBatch',
    message: {
      device: params.device,
      itemsHash: hashItems(prepared.map((p) => p.structHash)),
      count: prepared.length,
    },
    signature: params.signature,
  }).catch(() => null);
  if (signer?.toLowerCase() !== params.device) {
    throw new SignatureInvalidError(`The batch signature was not made by device ${params.device}.`);
  }

  const now = deps.clock.now();
  const issuedAt = unixSeconds(now);
  const response = await withTransactionRetry(deps.db, async (tx) => {
    const jobIds = [...new Set(prepared.map((p) => p.item.jobId))];
    const jobRows = await tx.select().from(jobs).where(inArray(jobs.id, jobIds)).for('update');
    const jobById = new Map(jobRows.map((j) => [j.id, j]));
    const submitted = jobRows.filter((j) => j.state === 'submitted').map((j) => j.id);
    const previous = submitted.length
      ? await tx
          .select()
          .from(contributions)
          .innerJoin(receipts, eq(receipts.contributionId, contributions.id))
          .where(inArray(contributions.jobId, submitted))
      : [];
    const previousByJob = new Map(previous.map((row) => [row.contributions.jobId, row]));

    const results: (ContributionResult | null)[] = [];
    const fresh: { index: number; prepared: PreparedItem; job: typeof jobs.$inferSelect }[] = [];
    const seenInBatch = new Set<string>();
    for (const [index, p] of prepared.entries()) {
      const fail = (code: Parameters<typeof itemError>[0], message: string) =>
        results.push(itemError(code, p.item.jobId, message));
      const job = jobById.get(p.item.jobId);
      if (!job) fail('LEASE_NOT_FOUND', `No job ${p.item.jobId} was leased.`);
      else if (job.deviceAddress !== params.device)
        fail('LEASE_NOT_OWNED', `Job ${job.id} is leased to another device.`);
      else if (job.url !== p.item.url)
        fail('VALIDATION_FAILED', `Item url ${p.item.url} is not job ${job.id}'s url ${job.url}.`);
      else if (seenInBatch.has(job.id))
        fail('CONTRIBUTION_CONFLICT', `Job ${job.id} appears twice in the batch.`);
      else if (job.state === 'submitted') {
        const before = previousByJob.get(job.id);
        if (before && before.contributions.structHash === p.structHash) {
          results.push({
            ok: true,
            receipt: receiptFromRow(before.contributions, before.receipts),
          });
        } else {
          fail('CONTRIBUTION_CONFLICT', `Job ${job.id} was already submitted with other content.`);
        }
      } else if (job.state === 'expired' || job.expiresAt <= now)
        fail(
          'LEASE_EXPIRED',
          `The lease of job ${job.id} expired at ${job.expiresAt.toISOString()}.`,
        );
      else {
        results.push(null);
        fresh.push({ index, prepared: p, job });
      }
      seenInBatch.add(p.item.jobId);
    }

    if (fresh.length > 0) {
      const batchId = randomUUID();
      await tx.insert(contributionBatches).values({
        id: batchId,
        deviceAddress: params.device,
        signature: params.signature,
        itemsHash: hashItems(prepared.map((p) => p.structHash)),
        itemHashes: prepared.map((p) => p.structHash),
        createdAt: now,
      });
      const campaignIds = [...new Set(fresh.map((f) => f.job.campaignId))];
      const campaignRows = await tx
        .select()
        .from(campaigns)
        .where(inArray(campaigns.id, campaignIds));
      const specs = new Map(campaignRows.map((c) => [c.id, c.spec as CampaignSpec]));

      // Serialize near-duplicate checks on the same LSH buckets across processes.
      const lockKeys = [...new Set(fresh.flatMap((f) => f.prepared.bands.map((b) => b.bucket)))];
      lockKeys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (lockKeys.length > 0 && deps.db.dialect === 'postgres') {
        await tx.execute(
          sql`select pg_advisory_xact_lock(k) from unnest(${`{${lockKeys.join(',')}}`}::bigint[]) as k order by k`,
        );
      }

      const contributionRows: (typeof contributions.$inferInsert)[] = [];
      const receiptRows: (typeof receipts.$inferInsert)[] = [];
      const duplicateCounts = new Map<number, number>();
      const links = new Map<string, FrontierEntry[]>();
      for (const { index, prepared: p, job } of fresh) {
        const spec = specs.get(job.campaignId)!;
        const outcome = await decideOutcome(deps, tx, job.campaignId, p, spec);
        const contributionId = randomUUID();
        if (outcome.kind === 'new') {
          const [row] = await tx
            .insert(items)
            .values({
              campaignId: job.campaignId,
              contributionId,
              deviceAddress: params.device,
              url: p.item.finalUrl,
              title: p.item.title,
              text: p.item.text,
              normalizedText: p.normalized,
              contentHash: p.contentHash,
              minhash: new Uint8Array(
                p.signature.buffer,
                p.signature.byteOffset,
                p.signature.byteLength,
              ),
              language: outcome.quality.language,
              languageConfidence: outcome.quality.languageConfidence,
              qualitySignals: outcome.quality.signals,
              qualityScore: outcome.quality.score,
              createdAt: now,
            })
            .returning({ id: items.id });
          await tx.insert(lshBuckets).values(
            p.bands.map((b) => ({
              campaignId: job.campaignId,
              band: b.band,
              bucket: b.bucket,
              itemId: row!.id,
            })),
          );
          outcome.itemId = row!.id;
        } else if (outcome.itemId !== null) {
          duplicateCounts.set(outcome.itemId, (duplicateCounts.get(outcome.itemId) ?? 0) + 1);
        }
        if (p.isFetched && p.item.links.length > 0) {
          const list = links.get(job.campaignId) ?? [];
          for (const url of p.item.links)
            list.push({ url, discoveredFrom: job.frontierUrlId, depth: 1 });
          links.set(job.campaignId, list);
        }
        const row: typeof contributions.$inferInsert = {
          id: contributionId,
          jobId: job.id,
          batchId,
          batchIndex: index,
          structHash: p.structHash,
          campaignId: job.campaignId,
          deviceAddress: params.device,
          url: p.item.url,
          finalUrl: p.item.finalUrl,
          httpStatus: p.item.httpStatus,
          bodyHash: p.item.bodyHash,
          textHash: p.item.textHash,
          linksHash: p.item.linksHash,
          fetchedAt: new Date(p.item.fetchedAt * 1000),
          contentType: p.item.contentType,
          bodyBytes: p.item.bodyBytes,
          contentHash: p.contentHash,
          outcome: outcome.outcome,
          reason: outcome.reason,
          itemId: outcome.itemId,
          similarity: outcome.similarity,
          createdAt: now,
        };
        contributionRows.push(row);
        const receipt = receiptFromRow(row as typeof contributions.$inferSelect, {
          issuedAt,
          qualityScore: outcome.qualityScore,
        });
        receiptRows.push({
          contributionId,
          issuedAt,
          qualityScore: outcome.qualityScore,
          structHash: hashReceipt(receipt),
        });
        results[index] = { ok: true, receipt };
        deps.metrics.contributions.inc({ outcome: outcome.outcome });
      }

      await tx.insert(contributions).values(contributionRows);
      for (const [itemId, n] of [...duplicateCounts].sort((a, b) => a[0] - b[0])) {
        await tx
          .update(items)
          .set({ duplicateCount: sql`${items.duplicateCount} + ${n}` })
          .where(eq(items.id, itemId));
      }
      const freshJobIds = fresh.map((f) => f.job.id);
      await tx.update(jobs).set({ state: 'submitted' }).where(inArray(jobs.id, freshJobIds));
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
      for (const [campaignId, entries] of links) {
        await addUrls(deps, tx, { id: campaignId, spec: specs.get(campaignId)! }, entries);
      }
      const signedReceipts = results.flatMap((r) => (r?.ok ? [r.receipt] : []));
      const batch = await signReceipts(deps, signedReceipts, issuedAt);
      const receiptBatchId = randomUUID();
      await tx.insert(receiptBatches).values({ id: receiptBatchId, ...batchRow(batch) });
      await tx.insert(receipts).values(receiptRows.map((r) => ({ ...r, batchId: receiptBatchId })));
      return { results: results as ContributionResult[], receiptBatch: batch };
    }
    const signedReceipts = results.flatMap((r) => (r?.ok ? [r.receipt] : []));
    return {
      results: results as ContributionResult[],
      receiptBatch: signedReceipts.length
        ? await signReceipts(deps, signedReceipts, issuedAt)
        : null,
    };
  });
  return response;
}

/** Why a fetch produced no text: an opaque redirect (status 0), an HTTP error, or empty text. */
function fetchFailureReason(httpStatus: number): string {
  if (httpStatus === 0) return OPAQUE_REDIRECT;
  return httpStatus >= 300 ? `HTTP_${httpStatus}` : 'EMPTY_TEXT';
}

function itemError(
  code:
    | 'LEASE_NOT_FOUND'
    | 'LEASE_NOT_OWNED'
    | 'LEASE_EXPIRED'
    | 'CONTRIBUTION_CONFLICT'
    | 'VALIDATION_FAILED',
  jobId: string,
  message: string,
): ContributionResult {
  const error = new AppError(code, message);
  return { ok: false, jobId, error: { code, message, retryable: error.retryable } };
}

async function decideOutcome(
  deps: Pick<Deps, 'db'>,
  tx: Parameters<typeof findDuplicate>[1],
  campaignId: string,
  p: PreparedItem,
  spec: CampaignSpec,
): Promise<ItemOutcome & { quality: Quality }> {
  if (!p.isFetched) {
    return {
      kind: 'failed',
      outcome: 'fetch_failed',
      reason: fetchFailureReason(p.item.httpStatus),
      itemId: null,
      similarity: null,
      qualityScore: null,
      quality: undefined as unknown as Quality,
    };
  }
  const duplicate = await findDuplicate(deps, tx, campaignId, p);
  if (duplicate) return { ...duplicate, quality: undefined as unknown as Quality };
  const quality = await computeQuality(p.item.text, { languages: spec.languages });
  const low = quality.score < spec.qualityFloor;
  return {
    kind: 'new',
    outcome: low ? 'low_quality' : 'accepted',
    reason: low ? 'BELOW_QUALITY_FLOOR' : null,
    itemId: null,
    similarity: null,
    qualityScore: quality.score,
    quality,
  };
}

/** Each host may be fetched again after the campaign's delay or its Crawl-delay, whichever is longer. */
async function reopenHosts(
  tx: Parameters<typeof findDuplicate>[1],
  now: Date,
  fresh: { job: { host: string; campaignId: string } }[],
  specs: Map<string, CampaignSpec>,
) {
  const delayByHost = new Map<string, number>();
  for (const { job } of fresh) {
    const delay = specs.get(job.campaignId)?.politeness.minDelayMs ?? 1000;
    delayByHost.set(job.host, Math.max(delayByHost.get(job.host) ?? 0, delay));
  }
  for (const [host, delay] of [...delayByHost].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    await tx.execute(sql`
      update hosts set next_fetch_at = ${now.toISOString()}::timestamptz + (greatest(crawl_delay_ms, ${delay}) * interval '1 millisecond')
      where host = ${host}`);
  }
}

async function signReceipts(
  deps: Pick<Deps, 'config' | 'signer'>,
  list: Receipt[],
  issuedAt: number,
): Promise<NonNullable<SubmitContributionsResponse['receiptBatch']>> {
  const typed = receiptBatchTypedData({
    chainId: deps.config.PLAZA_CHAIN_ID,
    coordinator: deps.signer.address,
    receipts: list,
    issuedAt,
  });
  const signature = await deps.signer.signTypedData(typed);
  return {
    itemsHash: typed.message.itemsHash,
    count: list.length,
    issuedAt,
    coordinator: deps.signer.address.toLowerCase() as `0x${string}`,
    signature,
  };
}

function batchRow(batch: NonNullable<SubmitContributionsResponse['receiptBatch']>) {
  return {
    itemsHash: batch.itemsHash,
    count: batch.count,
    issuedAt: batch.issuedAt,
    signature: batch.signature,
  };
}
