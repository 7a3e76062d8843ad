import { contributions, jobs, type PlazaTransaction, receipts } from '@plaza/db';
import type { ContributionResult } from '@plaza/protocol';
import { eq, inArray } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import type { PreparedItem } from './prepare-item.ts';
import { receiptFromRow } from './receipt-from-row.ts';

/** A submitted item whose job is the device's, open, and not submitted yet. */
export interface FreshItem {
  index: number;
  prepared: PreparedItem;
  job: typeof jobs.$inferSelect;
}

/** The items of a batch sorted by {@link checkJobs}; one slot per item in the result arrays. */
export interface CheckedJobs {
  /** Errors and resubmitted receipts; null for fresh items. */
  results: (ContributionResult | null)[];
  /** Struct hashes of resubmitted receipts; null otherwise. */
  receiptHashes: (`0x${string}` | null)[];
  fresh: FreshItem[];
}

type ItemErrorCode =
  | 'LEASE_NOT_FOUND'
  | 'LEASE_NOT_OWNED'
  | 'LEASE_EXPIRED'
  | 'CONTRIBUTION_CONFLICT'
  | 'VALIDATION_FAILED';

/**
 * Locks the batch's jobs and sorts its items: an error result for unknown, foreign or expired
 * jobs, URLs that are not the job's, jobs named twice, and jobs already submitted with other
 * content; the stored receipt for jobs already submitted with the same content (resubmission is
 * idempotent); and the fresh items to ingest. `results` and `receiptHashes` have one slot per
 * item, null for fresh ones (and for errors, in `receiptHashes`).
 */
export async function checkJobs(
  tx: PlazaTransaction,
  params: { device: string; now: Date; prepared: readonly PreparedItem[] },
): Promise<CheckedJobs> {
  const jobIds = [...new Set(params.prepared.map((p) => p.item.jobId))];
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
  const receiptHashes: (`0x${string}` | null)[] = [];
  const fresh: FreshItem[] = [];
  const seen = new Set<string>();
  for (const [index, prepared] of params.prepared.entries()) {
    const jobId = prepared.item.jobId;
    receiptHashes.push(null);
    const fail = (code: ItemErrorCode, message: string) => {
      results.push({
        ok: false,
        jobId,
        error: { code, message, retryable: new AppError(code, message).retryable },
      });
    };
    const job = jobById.get(jobId);
    if (!job) fail('LEASE_NOT_FOUND', `No job ${jobId} was leased.`);
    else if (job.deviceAddress !== params.device) {
      fail('LEASE_NOT_OWNED', `Job ${jobId} is leased to another device.`);
    } else if (job.url !== prepared.item.url) {
      fail(
        'VALIDATION_FAILED',
        `Item url ${prepared.item.url} is not job ${jobId}'s url ${job.url}.`,
      );
    } else if (seen.has(jobId)) {
      fail('CONTRIBUTION_CONFLICT', `Job ${jobId} appears twice in the batch.`);
    } else if (job.state === 'submitted') {
      const before = previousByJob.get(jobId);
      if (before && before.contributions.structHash === prepared.structHash) {
        results.push({ ok: true, receipt: receiptFromRow(before.contributions, before.receipts) });
        receiptHashes[index] = before.receipts.structHash as `0x${string}`;
      } else {
        fail('CONTRIBUTION_CONFLICT', `Job ${jobId} was already submitted with other content.`);
      }
    } else if (job.state === 'expired' || job.expiresAt <= params.now) {
      fail('LEASE_EXPIRED', `The lease of job ${jobId} expired at ${job.expiresAt.toISOString()}.`);
    } else {
      results.push(null);
      fresh.push({ index, prepared, job });
    }
    seen.add(jobId);
  }
  return { results, receiptHashes, fresh };
}
