import { randomUUID } from 'node:crypto';
import {
  hashText,
  modelInput,
  prelabelBatchTypedData,
  type SubmitPrelabelsResponse,
  type submitPrelabelsRequestSchema,
} from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { recoverTypedDataAddress } from 'viem';
import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import { AppError, NotFoundError, SignatureInvalidError } from '../errors.ts';
import { compareProbs } from './compare-probs.ts';
import { loadTf } from './load-tf.ts';
import type { ModelCache } from './model-cache.ts';
import { predictProbs } from './predict-probs.ts';
import { recordBatch } from './record-prelabel-batch.ts';
import { selectSample } from './select-sample.ts';

type Body = z.output<typeof submitPrelabelsRequestSchema>;

/**
 * Takes a device's signed predictions for one of its pre-label leases and verifies them:
 *
 * 1. The lease must be the device's, for this model, unexpired, not yet answered (the same
 *    signed batch again gets its first answer back; another one `PRELABEL_CONFLICT`); every item
 *    must be in it once, with the leased input's hash and one probability per class.
 * 2. The `PrelabelBatch` signature must recover to the device.
 * 3. The coordinator recomputes a sample (`selectSample`: all items of a device whose reputation
 *    is under `PLAZA_PRELABEL_CHECK_ALL_BELOW`) with the same model on tfjs. One item beyond
 *    `PLAZA_PRELABEL_TOLERANCE` rejects the whole batch: nothing of it is stored, the device's
 *    record takes a failed check, and its earlier predictions that were never recomputed
 *    themselves are revoked (they leave attribution and their items are pre-labeled again).
 * 4. An accepted batch's predictions become the items' pre-labels (source: model hash and
 *    backend; an imported pre-label is left alone) and rows of `prelabel_predictions`, the compute
 *    part of attribution; the device's record takes a confirmed check.
 */
export async function submitPrelabels(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'signer'> & { prelabelModels: ModelCache },
  device: string,
  body: Body,
): Promise<SubmitPrelabelsResponse> {
  if (body.device !== device) {
    throw new AppError('FORBIDDEN', `The batch names device ${body.device}, not ${device}.`);
  }
  const lease = await loadLease(deps, device, body);
  if (lease.state === 'submitted') return previousAnswer(deps, body);
  if (new Date(lease.expires_at).getTime() < deps.clock.now().getTime()) {
    throw new AppError('LEASE_EXPIRED', `Pre-label lease "${body.leaseId}" expired.`);
  }
  if (body.model !== lease.model_hash) {
    throw invalid(`The lease is for model ${lease.model_hash}, not ${body.model}.`);
  }
  const cached = await deps.prelabelModels.get(deps, lease.model_hash);
  checkBatchItems(body, lease.items, cached.classes.length);
  await checkBatchSignature(deps, device, body);
  const check = await recomputeSample(deps, device, body, cached);
  const batchId = randomUUID();
  await recordBatch(deps, { batchId, device, body, campaignId: lease.campaign_id, check });
  return {
    batchId,
    status: check.accepted ? 'accepted' : 'rejected',
    accepted: check.accepted ? body.items.length : 0,
    checked: check.checked.size,
    maxDiff: check.maxDiff,
    ...(check.reason === undefined ? {} : { reason: check.reason }),
  };
}

type LeaseRow = {
  device_address: string;
  campaign_id: string;
  model_hash: string;
  items: Array<{ itemId: number; inputHash: string }>;
  state: string;
  expires_at: string | Date;
};

/** The pre-label lease the batch answers; it must exist and be the device's. */
async function loadLease(deps: Pick<Deps, 'db'>, device: string, body: Body): Promise<LeaseRow> {
  const [lease] = await deps.db.rows<LeaseRow>(
    sql`select device_address, campaign_id, model_hash, items, state, expires_at
        from prelabel_leases where id = ${body.leaseId}`,
  );
  if (!lease) throw new NotFoundError('LEASE_NOT_FOUND', `No pre-label lease "${body.leaseId}".`);
  if (lease.device_address !== device) {
    throw new AppError('LEASE_NOT_OWNED', `Pre-label lease "${body.leaseId}" is another device's.`);
  }
  return lease;
}

/** Every item must be leased, once, with the leased input's hash and one probability per class. */
function checkBatchItems(
  body: Body,
  leasedItems: readonly { itemId: number; inputHash: string }[],
  classes: number,
): void {
  const leased = new Map(leasedItems.map((item) => [item.itemId, item.inputHash]));
  const seen = new Set<number>();
  for (const item of body.items) {
    const hash = leased.get(item.itemId);
    if (hash === undefined) throw invalid(`Item ${item.itemId} is not in the lease.`);
    if (seen.has(item.itemId)) throw invalid(`Item ${item.itemId} is in the batch twice.`);
    seen.add(item.itemId);
    if (hash !== item.inputHash) throw invalid(`Item ${item.itemId}: the input hash differs.`);
    if (item.probs.length !== classes) {
      throw invalid(
        `Item ${item.itemId}: ${item.probs.length} probabilities for ${classes} classes.`,
      );
    }
  }
}

/** The `PrelabelBatch` signature must recover to the device. */
async function checkBatchSignature(
  deps: Pick<Deps, 'config' | 'signer'>,
  device: string,
  body: Body,
): Promise<void> {
  const signer = await recoverTypedDataAddress({
    ...prelabelBatchTypedData({
      chainId: deps.config.PLAZA_CHAIN_ID,
      coordinator: deps.signer.address,
      device: body.device,
      leaseId: body.leaseId,
      model: body.model,
      backend: body.backend,
      items: body.items,
    }),
    signature: body.signature,
  }).catch(() => null);
  if (signer?.toLowerCase() !== device) {
    throw new SignatureInvalidError(`The pre-label batch signature is not device ${device}'s.`);
  }
}

/** What recomputing a batch's sample found. */
export interface SampleCheck {
  accepted: boolean;
  /** The items recomputed. */
  checked: ReadonlySet<number>;
  maxDiff: number;
  /** Why the batch is rejected (the first item beyond the tolerance). */
  reason: string | undefined;
}

/**
 * Recomputes a sample of the batch (all items of a device under `PLAZA_PRELABEL_CHECK_ALL_BELOW`)
 * with the same model on tfjs; one item beyond `PLAZA_PRELABEL_TOLERANCE` rejects the batch.
 */
async function recomputeSample(
  deps: Pick<Deps, 'db' | 'config'>,
  device: string,
  body: Body,
  cached: Awaited<ReturnType<ModelCache['get']>>,
): Promise<SampleCheck> {
  const [record] = await deps.db.rows<{ reputation: number }>(
    sql`select reputation from devices where address = ${device}`,
  );
  const sample = selectSample({
    count: body.items.length,
    rate: deps.config.PLAZA_PRELABEL_CHECK_RATE,
    minimum: deps.config.PLAZA_PRELABEL_MIN_CHECKED,
    all: (record?.reputation ?? 0) < deps.config.PLAZA_PRELABEL_CHECK_ALL_BELOW,
  }).map((index) => body.items[index]!);
  const texts = await deps.db.rows<{ id: number; title: string; text: string }>(
    sql`select id, title, text from items
        where id in (select jsonb_array_elements_text(${JSON.stringify(sample.map((s) => s.itemId))}::jsonb)::bigint)`,
  );
  const byId = new Map(texts.map((row) => [row.id, row]));
  const inputs = sample.map((item) => {
    const row = byId.get(item.itemId);
    const input = row ? modelInput(row, cached.features.maxChars) : '';
    if (hashText(input) !== item.inputHash) {
      throw new AppError('INTERNAL', `Item ${item.itemId} changed since it was leased.`);
    }
    return input;
  });
  const expected = predictProbs(await loadTf(), cached.model, cached.features, inputs);
  let maxDiff = 0;
  let reason: string | undefined;
  for (const [i, item] of sample.entries()) {
    const verdict = compareProbs(item.probs, expected[i]!, deps.config.PLAZA_PRELABEL_TOLERANCE);
    maxDiff = Math.max(maxDiff, verdict.maxDiff);
    if (!verdict.ok && reason === undefined) {
      reason = `${verdict.reason}: item ${item.itemId} differs by ${verdict.maxDiff.toFixed(6)}`;
    }
  }
  const checked = new Set(sample.map((item) => item.itemId));
  return { accepted: reason === undefined, checked, maxDiff, reason };
}

function invalid(message: string): AppError {
  return new AppError('PRELABEL_RESULT_INVALID', message);
}

/** The answer to a batch already stored: the same one again, or a conflict. */
async function previousAnswer(
  deps: Pick<Deps, 'db'>,
  body: Body,
): Promise<SubmitPrelabelsResponse> {
  const [batch] = await deps.db.rows<{
    id: string;
    signature: string;
    status: 'accepted' | 'rejected';
    items_count: number;
    checked_count: number;
    max_diff: number | null;
    reason: string | null;
  }>(
    sql`select id, signature, status, items_count, checked_count, max_diff, reason
        from prelabel_batches where lease_id = ${body.leaseId}`,
  );
  if (!batch || batch.signature.toLowerCase() !== body.signature.toLowerCase()) {
    throw new AppError(
      'PRELABEL_CONFLICT',
      `Pre-label lease "${body.leaseId}" was answered already.`,
    );
  }
  return {
    batchId: batch.id,
    status: batch.status,
    accepted: batch.status === 'accepted' ? batch.items_count : 0,
    checked: batch.checked_count,
    maxDiff: batch.max_diff,
    ...(batch.reason === null ? {} : { reason: batch.reason }),
  };
}
