import {
  CoordinatorError,
  type SubmitContributionsResponse,
  verifyReceiptBatch,
} from '@plaza/protocol';
import type { OutboxEntry } from './outbox.ts';
import type { ReceiptRecord } from './receipts-store.ts';

/** What sending one outbox entry needs. */
export interface SendOutboxEntryDeps {
  /** Sends the batch to its coordinator; throws `CoordinatorError` on failure. */
  submit: (entry: OutboxEntry) => Promise<SubmitContributionsResponse>;
  /** Stores the records and deletes the entry, in one transaction. */
  settle: (entry: OutboxEntry, records: ReceiptRecord[]) => Promise<void>;
  /** Writes the entry back for a later try. */
  put: (entry: OutboxEntry) => Promise<void>;
  onUnauthorized?: (coordinatorUrl: string) => Promise<void>;
  /** The retry delay after `attempts` failures. */
  backoff: (attempts: number) => number;
  now: () => number;
}

/** What became of one entry: acknowledged, kept for a retry, or dropped for good. */
export type SendOutcome = 'sent' | 'retrying' | 'dropped';

/**
 * Sends one outbox entry and settles it: receipts whose batch signature checks out are stored
 * (and the entry deleted); an answer that can never succeed stores its items as rejected; any
 * other failure writes the entry back with its next due time.
 */
export async function sendOutboxEntry(
  deps: SendOutboxEntryDeps,
  entry: OutboxEntry,
): Promise<SendOutcome> {
  let response: SubmitContributionsResponse;
  try {
    response = await deps.submit(entry);
    assertReceiptsSigned(entry, response);
  } catch (error) {
    return handleFailure(deps, entry, classify(error));
  }
  await deps.settle(entry, answeredRecords(entry, response, deps.now));
  return 'sent';
}

/** Throws `RECEIPT_SIGNATURE_INVALID` unless the entry's coordinator signed the answer's receipts. */
function assertReceiptsSigned(entry: OutboxEntry, response: SubmitContributionsResponse): void {
  const receipts = response.results.flatMap((r) => (r.ok ? [r.receipt] : []));
  if (receipts.length === 0) return;
  const batch = response.receiptBatch;
  const valid =
    batch !== null &&
    batch.coordinator === entry.coordinator &&
    verifyReceiptBatch({ chainId: entry.chainId, receipts, batch });
  if (!valid) {
    throw new CoordinatorError(
      'RECEIPT_SIGNATURE_INVALID',
      `The receipts from ${entry.coordinatorUrl} are not signed by ${entry.coordinator}.`,
      0,
      true,
    );
  }
}

async function handleFailure(
  deps: SendOutboxEntryDeps,
  entry: OutboxEntry,
  failure: Failure,
): Promise<SendOutcome> {
  if (failure.kind === 'unauthorized') await deps.onUnauthorized?.(entry.coordinatorUrl);
  if (failure.kind === 'fatal') {
    const error = { code: failure.code, message: failure.message };
    const records = entry.body.items.map((item) => ({
      ...recordMeta(entry, item.jobId, deps.now),
      outcome: 'rejected' as const,
      error,
    }));
    await deps.settle(entry, records);
    return 'dropped';
  }
  const attempts = entry.attempts + 1;
  await deps.put({
    ...entry,
    attempts,
    dueAt: deps.now() + (failure.kind === 'unauthorized' ? 0 : deps.backoff(attempts)),
    lastError: `${failure.code}: ${failure.message}`,
  });
  return 'retrying';
}

/** One record per answered item: its receipt (with the batch signature over it) or its error. */
function answeredRecords(
  entry: OutboxEntry,
  response: SubmitContributionsResponse,
  now: () => number,
): ReceiptRecord[] {
  const receipts = response.results.flatMap((r) => (r.ok ? [r.receipt] : []));
  const batch = response.receiptBatch
    ? { ...response.receiptBatch, jobIds: receipts.map((r) => r.jobId) }
    : undefined;
  return response.results.map((result) =>
    result.ok
      ? {
          ...recordMeta(entry, result.receipt.jobId, now),
          outcome: result.receipt.outcome,
          receipt: result.receipt,
          ...(batch ? { receiptBatch: batch } : {}),
        }
      : {
          ...recordMeta(entry, result.jobId, now),
          outcome: 'rejected' as const,
          error: { code: result.error.code, message: result.error.message },
        },
  );
}

function recordMeta(entry: OutboxEntry, jobId: string, now: () => number) {
  return {
    jobId,
    campaignId: entry.jobs[jobId]?.campaignId ?? '',
    url: entry.jobs[jobId]?.url ?? '',
    coordinatorUrl: entry.coordinatorUrl,
    storedAt: now(),
  };
}

type Failure = { kind: 'retry' | 'unauthorized' | 'fatal'; code: string; message: string };

function classify(error: unknown): Failure {
  if (error instanceof CoordinatorError) {
    const { code, message } = error;
    if (code === 'UNAUTHORIZED' || code === 'DEVICE_NOT_REGISTERED') {
      return { kind: 'unauthorized', code, message };
    }
    if (error.retryable || error.status === 0 || error.status >= 500 || error.status === 429) {
      return { kind: 'retry', code, message };
    }
    return { kind: 'fatal', code, message };
  }
  // Anything else (a bug, a storage error) is retried: dropping signed work is never the default.
  return { kind: 'retry', code: 'UNEXPECTED', message: String(error) };
}
