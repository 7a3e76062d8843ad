import { randomUUID } from 'node:crypto';
import type { PlazaTx } from '@plaza/db';
import {
  type LabelValue,
  labelValueSchema,
  type Prelabel,
  type SubmitLabelsResponse,
  type submitLabelSchema,
} from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { checkLabel } from './check-label.ts';
import { isGoldCorrect } from './is-gold-correct.ts';
import { loadCampaign } from './load-campaign.ts';
import { recordGoldAnswer } from './record-gold-answer.ts';
import { reportLabels } from './report-labels.ts';
import { sameLabel } from './same-label.ts';
import { toPrelabel } from './to-prelabel.ts';

/** How many of a labeler's newest labels in a campaign stay editable. */
export const EDITABLE_LABELS = 10;

type Result = SubmitLabelsResponse['results'][number];
type Label = z.output<typeof submitLabelSchema>;

/**
 * Stores a labeler's labels, each in its own transaction, so one bad label does not hold back the
 * others: it comes back `rejected` with its error code. A label needs a lease of its item (an
 * expired one still counts: late answers are kept) and a labeler who is not paused in the
 * campaign (`LABELER_PAUSED`). Same `clientId` and a revision not above the stored one is a retry
 * (`unchanged`); a higher revision edits the label if it is one of the labeler's last 10 in the
 * campaign. The first answer is the one scored: an edit comes after the pre-label was revealed or
 * the gold check ran, so it is recorded (`edited_value`) and changes no score. Blind-first tasks
 * get their pre-label back with the answer.
 */
export async function submitLabels(
  deps: Pick<Deps, 'db' | 'clock' | 'logger'>,
  params: { labeler: `0x${string}`; labels: Label[] },
): Promise<SubmitLabelsResponse> {
  const results: Result[] = [];
  for (const label of params.labels) {
    try {
      results.push(
        await deps.db.db.transaction((tx) => submitOne(deps, tx, params.labeler, label)),
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.retryable) throw error;
      results.push({
        clientId: label.clientId,
        itemId: label.itemId,
        labelId: '',
        status: 'rejected',
        prelabel: null,
        error: { code: error.code, message: error.message },
      });
    }
  }
  return { results };
}

async function submitOne(
  deps: Pick<Deps, 'db' | 'clock'>,
  tx: PlazaTx,
  labeler: `0x${string}`,
  label: Label,
): Promise<Result> {
  const now = deps.clock.now();
  const task = await loadLeasedTask(deps, tx, labeler, label.itemId);
  await assertClientIdFree(deps, tx, labeler, label);
  await assertNotPaused(deps, tx, labeler, task.campaign_id);
  const campaign = await loadCampaign(tx, task.campaign_id);
  const scored = scoreLabel(
    task,
    checkLabel(campaign.spec.labelSchema, label.value, task.text.length),
  );
  const result = (labelId: string, status: Result['status']): Result => ({
    clientId: label.clientId,
    itemId: label.itemId,
    labelId,
    status,
    prelabel: task.blind ? scored.prelabel : null,
  });

  const [existing] = await deps.db.rows<{ id: string; revision: number }>(
    sql`select id, revision from labels
        where item_id = ${label.itemId} and labeler = ${labeler} for update`,
    tx,
  );
  if (existing) {
    if (label.revision <= Number(existing.revision)) return result(existing.id, 'unchanged');
    await editLabel(deps, tx, {
      labeler,
      label,
      campaignId: task.campaign_id,
      existing,
      scored,
      now,
    });
    return result(existing.id, 'updated');
  }
  const id = await storeLabel(deps, tx, { labeler, label, task, scored, now });
  if (scored.gold) {
    await recordGoldAnswer(deps, tx, {
      campaignId: task.campaign_id,
      labeler,
      correct: scored.goldCorrect === true,
    });
  }
  await reportLabels(deps, tx, { campaignId: task.campaign_id, labeler, spec: campaign.spec });
  return result(id, 'stored');
}

type LeasedTask = {
  campaign_id: string;
  blind: boolean;
  gold_value: unknown;
  text: string;
  lease_state: string | null;
  prelabel_value: unknown;
  prelabel_confidence: number | null;
  prelabel_source: unknown;
};

/** The item's task, locked, with its text, pre-label and this labeler's lease (which must exist). */
async function loadLeasedTask(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  labeler: `0x${string}`,
  itemId: number,
): Promise<LeasedTask> {
  const [task] = await deps.db.rows<LeasedTask>(
    sql`select t.campaign_id, t.blind, t.gold_value, i.text, l.state as lease_state,
          p.value as prelabel_value, p.confidence as prelabel_confidence,
          p.source as prelabel_source
        from label_tasks t join items i on i.id = t.item_id
        left join label_leases l on l.item_id = t.item_id and l.labeler = ${labeler}
        left join prelabels p on p.item_id = t.item_id
        where t.item_id = ${itemId}
        for update of t`,
    tx,
  );
  if (!task) throw new AppError('ITEM_NOT_FOUND', `No labeling task for item ${itemId}.`);
  if (task.lease_state === null) {
    throw new AppError('TASK_NOT_LEASED', `Item ${itemId} was never leased to ${labeler}.`);
  }
  return task;
}

/** Refuses a `clientId` that already names this labeler's label of another item. */
async function assertClientIdFree(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  labeler: `0x${string}`,
  label: Label,
): Promise<void> {
  const [reused] = await deps.db.rows<{ item_id: number }>(
    sql`select item_id from labels where labeler = ${labeler} and client_id = ${label.clientId}
          and item_id <> ${label.itemId}`,
    tx,
  );
  if (reused) {
    throw new AppError(
      'LABEL_INVALID',
      `clientId ${label.clientId} already names your label of item ${reused.item_id}.`,
    );
  }
}

/** Refuses a labeler paused in the campaign (`LABELER_PAUSED`). */
async function assertNotPaused(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  labeler: `0x${string}`,
  campaignId: string,
): Promise<void> {
  const [standing] = await deps.db.rows<{ status: string; paused_reason: string | null }>(
    sql`select status, paused_reason from labeler_campaigns
        where campaign_id = ${campaignId} and labeler = ${labeler} for share`,
    tx,
  );
  if (standing?.status === 'paused') {
    throw new AppError(
      'LABELER_PAUSED',
      standing.paused_reason ?? 'You are paused in this campaign.',
    );
  }
}

interface ScoredLabel {
  value: LabelValue;
  prelabel: Prelabel | null;
  gold: LabelValue | null;
  goldCorrect: boolean | null;
  matchesPrelabel: boolean | null;
}

/** The checked value against the task's gold answer and pre-label. */
function scoreLabel(task: LeasedTask, value: LabelValue): ScoredLabel {
  const prelabel = toPrelabel(task);
  const gold =
    task.gold_value === null || task.gold_value === undefined
      ? null
      : labelValueSchema.parse(task.gold_value);
  return {
    value,
    prelabel,
    gold,
    goldCorrect: gold ? isGoldCorrect(value, gold, task.text) : null,
    matchesPrelabel: prelabel ? sameLabel(value, prelabel.value) : null,
  };
}

/** Records an edit of one of the labeler's last `EDITABLE_LABELS` labels (not scored). */
async function editLabel(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  params: {
    labeler: `0x${string}`;
    label: Label;
    campaignId: string;
    existing: { id: string };
    scored: ScoredLabel;
    now: Date;
  },
): Promise<void> {
  const { labeler, label, existing } = params;
  const recent = await deps.db.rows<{ id: string }>(
    sql`select id from labels where labeler = ${labeler} and campaign_id = ${params.campaignId}
        order by created_at desc, id desc limit ${EDITABLE_LABELS}`,
    tx,
  );
  if (!recent.some((row) => row.id === existing.id)) {
    throw new AppError(
      'LABEL_NOT_EDITABLE',
      `The label of item ${label.itemId} is not among your last ${EDITABLE_LABELS}; it can no longer be changed.`,
    );
  }
  // Recorded, not scored: value, gold_correct and matches_prelabel keep the first answer.
  await deps.db.rows(
    sql`update labels set edited_value = ${JSON.stringify(params.scored.value)}::jsonb,
          revision = ${label.revision}, client_id = ${label.clientId},
          updated_at = ${params.now.toISOString()}
        where id = ${existing.id}`,
    tx,
  );
}

/** Inserts a first answer, counts it on the task and closes the labeler's lease; returns its id. */
async function storeLabel(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  params: {
    labeler: `0x${string}`;
    label: Label;
    task: LeasedTask;
    scored: ScoredLabel;
    now: Date;
  },
): Promise<string> {
  const { labeler, label, task, scored } = params;
  const now = params.now.toISOString();
  const id = randomUUID();
  await deps.db.rows(
    sql`insert into labels (id, client_id, revision, item_id, campaign_id, labeler, value,
          duration_ms, prelabel_shown, blind, matches_prelabel, gold_correct, created_at, updated_at)
        values (${id}, ${label.clientId}, ${label.revision}, ${label.itemId}, ${task.campaign_id},
          ${labeler}, ${JSON.stringify(scored.value)}::jsonb, ${label.durationMs}, ${label.prelabelShown},
          ${task.blind}, ${scored.matchesPrelabel}, ${scored.goldCorrect}, ${now}, ${now})`,
    tx,
  );
  await deps.db.rows(
    sql`update label_tasks set labels_count = labels_count + 1 where item_id = ${label.itemId}`,
    tx,
  );
  await deps.db.rows(
    sql`update label_leases set state = 'done'
        where item_id = ${label.itemId} and labeler = ${labeler}`,
    tx,
  );
  return id;
}
