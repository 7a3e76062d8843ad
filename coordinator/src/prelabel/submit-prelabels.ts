import { randomUUID } from 'node:crypto';
import {
  hashText,
  modelInput,
  type PrelabelPrediction,
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
import { recordDeviceCheck } from './record-device-check.ts';
import { revokeDevicePredictions } from './revoke-device-predictions.ts';
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
  const [lease] = await deps.db.rows<{
    device_address: string;
    campaign_id: string;
    model_hash: string;
    items: Array<{ itemId: number; inputHash: string }>;
    state: string;
    expires_at: string | Date;
  }>(
    sql`select device_address, campaign_id, model_hash, items, state, expires_at
        from prelabel_leases where id = ${body.leaseId}`,
  );
  if (!lease) throw new NotFoundError('LEASE_NOT_FOUND', `No pre-label lease "${body.leaseId}".`);
  if (lease.device_address !== device) {
    throw new AppError('LEASE_NOT_OWNED', `Pre-label lease "${body.leaseId}" is another device's.`);
  }
  if (lease.state === 'submitted') return previousAnswer(deps, body);
  if (new Date(lease.expires_at).getTime() < deps.clock.now().getTime()) {
    throw new AppError('LEASE_EXPIRED', `Pre-label lease "${body.leaseId}" expired.`);
  }
  if (body.model !== lease.model_hash) {
    throw invalid(`The lease is for model ${lease.model_hash}, not ${body.model}.`);
  }
  const cached = await deps.prelabelModels.get(deps, lease.model_hash);
  const leased = new Map(lease.items.map((item) => [item.itemId, item.inputHash]));
  const seen = new Set<number>();
  for (const item of body.items) {
    const hash = leased.get(item.itemId);
    if (hash === undefined) throw invalid(`Item ${item.itemId} is not in the lease.`);
    if (seen.has(item.itemId)) throw invalid(`Item ${item.itemId} is in the batch twice.`);
    seen.add(item.itemId);
    if (hash !== item.inputHash) throw invalid(`Item ${item.itemId}: the input hash differs.`);
    if (item.probs.length !== cached.classes.length) {
      throw invalid(
        `Item ${item.itemId}: ${item.probs.length} probabilities for ${cached.classes.length} classes.`,
      );
    }
  }
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

  // Recompute the sample on the coordinator.
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
  const accepted = reason === undefined;
  const checked = new Set(sample.map((item) => item.itemId));
  const batchId = randomUUID();
  const now = deps.clock.now().toISOString();

  await deps.db.db.transaction(async (tx) => {
    const locked = await deps.db.rows(
      sql`update prelabel_leases set state = 'submitted'
          where id = ${body.leaseId} and state = 'active' returning id`,
      tx,
    );
    if (locked.length === 0) {
      throw new AppError(
        'PRELABEL_CONFLICT',
        `Pre-label lease "${body.leaseId}" was answered already.`,
      );
    }
    await deps.db.rows(
      sql`insert into prelabel_batches (id, lease_id, device_address, campaign_id, model_hash,
            backend, signature, items_count, checked_count, max_diff, status, reason, created_at)
          values (${batchId}, ${body.leaseId}, ${device}, ${lease.campaign_id}, ${body.model},
            ${body.backend}, ${body.signature}, ${body.items.length}, ${sample.length}, ${maxDiff},
            ${accepted ? 'accepted' : 'rejected'}, ${reason ?? null}, ${now})`,
      tx,
    );
    await deps.db.rows(sql`delete from prelabel_claims where lease_id = ${body.leaseId}`, tx);
    await recordDeviceCheck(deps, tx, device, accepted);
    if (!accepted) {
      await revokeDevicePredictions(deps, tx, device, now);
      return;
    }
    await storePredictions(deps, tx, {
      batchId,
      device,
      campaignId: lease.campaign_id,
      model: body.model,
      backend: body.backend,
      items: body.items,
      checked,
      now,
    });
  });
  return {
    batchId,
    status: accepted ? 'accepted' : 'rejected',
    accepted: accepted ? body.items.length : 0,
    checked: sample.length,
    maxDiff,
    ...(reason === undefined ? {} : { reason }),
  };
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

/** Stores an accepted batch: attribution rows, and the items' pre-labels. */
async function storePredictions(
  deps: Pick<Deps, 'db'>,
  tx: Parameters<typeof recordDeviceCheck>[1],
  params: {
    batchId: string;
    device: string;
    campaignId: string;
    model: string;
    backend: string;
    items: readonly PrelabelPrediction[];
    checked: ReadonlySet<number>;
    now: string;
  },
) {
  const rows = params.items.map((item) => {
    let best = 0;
    for (let i = 1; i < item.probs.length; i++) if (item.probs[i]! > item.probs[best]!) best = i;
    return {
      item_id: item.itemId,
      probs: item.probs,
      checked: params.checked.has(item.itemId),
      value: { kind: 'classification', class: best },
      confidence: item.probs[best]! / 1_000_000,
    };
  });
  const json = JSON.stringify(rows);
  await deps.db.rows(
    sql`insert into prelabel_predictions (item_id, model_hash, device_address, campaign_id,
          batch_id, backend, probs, checked, created_at)
        select r.item_id, ${params.model}, ${params.device}, ${params.campaignId}, ${params.batchId},
          ${params.backend}, r.probs, r.checked, ${params.now}
        from jsonb_to_recordset(${json}::jsonb) as r(item_id bigint, probs jsonb, checked boolean)
        on conflict (item_id, model_hash, device_address) do update set batch_id = excluded.batch_id,
          backend = excluded.backend, probs = excluded.probs, checked = excluded.checked,
          revoked_at = null, created_at = excluded.created_at`,
    tx,
  );
  const source = { kind: 'model', model: params.model, backend: params.backend };
  await deps.db.rows(
    sql`insert into prelabels (item_id, campaign_id, value, confidence, source, created_at)
        select r.item_id, ${params.campaignId}, r.value, r.confidence,
          ${JSON.stringify(source)}::jsonb, ${params.now}
        from jsonb_to_recordset(${json}::jsonb) as r(item_id bigint, value jsonb, confidence real)
        on conflict (item_id) do update set value = excluded.value,
          confidence = excluded.confidence, source = excluded.source,
          created_at = excluded.created_at
        where prelabels.source->>'kind' = 'model'`,
    tx,
  );
}
