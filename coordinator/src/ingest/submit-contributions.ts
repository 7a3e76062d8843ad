import { randomUUID } from 'node:crypto';
import type { PlazaTransaction } from '@plaza/db';
import type {
  ContributionResult,
  ParsedContributionItem,
  SubmitContributionsResponse,
} from '@plaza/protocol';
import { unixSeconds } from '../clock.ts';
import { withRetry } from '../db/with-transaction-retry.ts';
import type { Deps } from '../deps.ts';
import { SignatureInvalidError, ValidationError } from '../errors.ts';
import { fastHashes } from '../signing/fast-hashes.ts';
import { type CheckedJobs, checkJobs } from './check-jobs.ts';
import { type FreshPlan, planFresh, writeFresh } from './ingest-fresh.ts';
import { type BatchRows, insertBatchRows } from './insert-batch-rows.ts';
import type { PreparedItem } from './prepare-item.ts';
import { receiptBatchRows, signReceipts } from './sign-receipts.ts';

/** A batch of resubmissions adds only its receipt batch. */
const NO_ROWS: BatchRows = {
  contributionBatches: [],
  contributions: [],
  items: [],
  itemBuckets: [],
  variants: [],
  variantBuckets: [],
  receiptBatches: [],
  receipts: [],
};

export interface SubmitContributionsParams {
  /** The device the bearer token authenticated. */
  device: `0x${string}`;
  signature: `0x${string}`;
  items: ParsedContributionItem[];
}

type IngestDeps = Pick<
  Deps,
  'db' | 'clock' | 'config' | 'signer' | 'metrics' | 'logger' | 'ingestPool'
> &
  Partial<Pick<Deps, 'leaseQueue'>>;

/**
 * Ingests a signed batch of contributions. Batch-level problems (content not matching its signed
 * hashes, a bad signature) reject the whole batch; job-level problems (unknown, foreign or expired
 * job, other content for a job already submitted) reject that item with a code. Every other item
 * gets a receipt: new content becomes an item (accepted, or low_quality under the campaign's
 * floor), exact and near duplicates join the first-seen item. The CPU work (hashes, signature,
 * normalization, MinHash, quality) runs in worker threads before the transaction; the
 * transaction runs a fixed number of statements per batch; receipts are signed inside it and sent
 * only after it committed. Submitting the same job and payload again returns the same receipt.
 */
export async function submitContributions(
  deps: IngestDeps,
  params: SubmitContributionsParams,
): Promise<SubmitContributionsResponse> {
  const batch = await prepareSubmission(deps, params);
  // Leases this process answered before writing them (PGlite) are written before their jobs are
  // looked up.
  await deps.leaseQueue?.settled();
  // A unique violation means another process stored the same content first: run again, and it
  // is found as a duplicate.
  return withRetry(() => deps.db.db.transaction((tx) => ingestBatch(deps, tx, params, batch)), 4, [
    '40001',
    '40P01',
    '23505',
  ]);
}

/** Digests every item in the worker threads and checks the batch signature. */
async function prepareSubmission(
  deps: IngestDeps,
  params: SubmitContributionsParams,
): Promise<{ itemsHash: `0x${string}`; prepared: PreparedItem[] }> {
  const result = await deps.ingestPool.prepare({
    chainId: deps.config.PLAZA_CHAIN_ID,
    coordinator: deps.signer.address,
    device: params.device,
    signature: params.signature,
    items: params.items,
  });
  if (!result.ok && result.reason === 'mismatch') {
    const item = params.items[result.index]!;
    throw new ValidationError(
      `Item ${result.index} (job ${item.jobId}): ${result.field} does not match the submitted content.`,
      { index: result.index, field: result.field },
    );
  }
  if (!result.ok) {
    throw new SignatureInvalidError(`The batch signature was not made by device ${params.device}.`);
  }
  const prepared = result.digests.map((digest, i) => ({ ...digest, item: params.items[i]! }));
  return { itemsHash: result.itemsHash, prepared };
}

/**
 * The transaction: sort the jobs, decide the fresh items (reads), sign the receipts, then write
 * every row in one statement, with the updates pipelined behind it. Receipts leave only after the commit.
 */
async function ingestBatch(
  deps: IngestDeps,
  tx: PlazaTransaction,
  params: SubmitContributionsParams,
  batch: { itemsHash: `0x${string}`; prepared: PreparedItem[] },
): Promise<SubmitContributionsResponse> {
  const now = deps.clock.now();
  const checked = await checkJobs(tx, { device: params.device, now, prepared: batch.prepared });
  const signed = { device: params.device, signature: params.signature, ...batch };
  const plan =
    checked.fresh.length > 0
      ? await planFresh(deps, tx, {
          ...signed,
          fresh: checked.fresh,
          now,
          hashReceipt: (await fastHashes()).receipt,
        })
      : null;
  const { results, structHashes } = mergeResults(checked, plan);
  if (structHashes.length === 0) return { results, receiptBatch: null };
  const receiptBatch = await signReceipts(deps, structHashes, unixSeconds(now));
  const receipts = receiptBatchRows({
    batchId: randomUUID(),
    batch: receiptBatch,
    receiptRows: plan?.receiptRows ?? [],
  });
  if (plan) {
    await writeFresh(deps, tx, { ...signed, plan, fresh: checked.fresh, now, receipts });
  } else {
    await insertBatchRows(deps.db, tx, { ...NO_ROWS, ...receipts });
  }
  return { results, receiptBatch };
}

/** One result per submitted item, in order, and the struct hashes of the receipts it carries. */
function mergeResults(
  checked: CheckedJobs,
  plan: FreshPlan | null,
): { results: ContributionResult[]; structHashes: `0x${string}`[] } {
  const results: ContributionResult[] = [];
  const structHashes: `0x${string}`[] = [];
  for (const [index, result] of checked.results.entries()) {
    const issued = plan?.receipts.get(index);
    if (issued) {
      results.push({ ok: true, receipt: issued.receipt });
      structHashes.push(issued.structHash);
      continue;
    }
    results.push(result!);
    const resubmitted = checked.receiptHashes[index];
    if (resubmitted) structHashes.push(resubmitted);
  }
  return { results, structHashes };
}
