import { randomInt } from 'node:crypto';
import { labelerCampaigns, type PlazaTx } from '@plaza/db';
import type { LabelTask } from '@plaza/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { leaseDuration } from './lease-duration.ts';
import { loadCampaign } from './load-campaign.ts';
import { syncTasks } from './sync-tasks.ts';
import { toPrelabel } from './to-prelabel.ts';

export interface LeaseTasksParams {
  labeler: `0x${string}`;
  campaignId: string;
  max: number;
  /** Items the app already holds: not returned again. */
  holding: number[];
}

/**
 * Leases up to `max` tasks to a labeler: first their own open leases (after a reload), then new
 * ones. A labeler never gets an item twice; an item is out to at most `overlap` labelers at once
 * (labels plus unexpired leases); partly labeled items go first so items complete. With
 * probability `goldFraction` a slot is filled with a gold item the labeler has not seen. Paused
 * labelers are refused with the reason.
 */
export async function leaseTasks(
  deps: Pick<Deps, 'db' | 'clock'>,
  params: LeaseTasksParams,
): Promise<{ tasks: LabelTask[] }> {
  const now = deps.clock.now();
  const campaign = await loadCampaign(deps.db.db, params.campaignId);
  if (campaign.status !== 'active') {
    throw new AppError('FORBIDDEN', `Campaign "${campaign.id}" is ${campaign.status}.`);
  }
  await refusePausedLabeler(deps, campaign.id, params.labeler);
  const leased = await deps.db.db.transaction(async (tx) => {
    const ttl = await leaseDuration(deps, tx, campaign.id);
    const expiresAt = new Date(now.getTime() + ttl).toISOString();
    const open = await extendOpenLeases(deps, tx, params, now, expiresAt);
    const fresh = await pickFreshTasks(deps, tx, params, campaign, params.max - open.length);
    await insertLeases(deps, tx, params, fresh, now, expiresAt);
    return { ids: [...open, ...fresh], expiresAt };
  });
  if (leased.ids.length === 0) return { tasks: [] };
  return { tasks: await loadTasks(deps, campaign.id, leased.ids, leased.expiresAt) };
}

type Campaign = Awaited<ReturnType<typeof loadCampaign>>;

/** Refuses a labeler the campaign paused (`LABELER_PAUSED`, with the reason and gold record). */
async function refusePausedLabeler(
  deps: Pick<Deps, 'db'>,
  campaignId: string,
  labeler: string,
): Promise<void> {
  const [standing] = await deps.db.db
    .select()
    .from(labelerCampaigns)
    .where(and(eq(labelerCampaigns.campaignId, campaignId), eq(labelerCampaigns.labeler, labeler)));
  if (standing?.status === 'paused') {
    throw new AppError('LABELER_PAUSED', standing.pausedReason ?? 'You are paused.', {
      details: { goldAnswered: standing.goldAnswered, goldCorrect: standing.goldCorrect },
    });
  }
}

/**
 * The labeler's open leases the app does not hold, oldest first, at most `max`, extended to
 * `expiresAt`: a reload gets the same tasks back.
 */
async function extendOpenLeases(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  params: LeaseTasksParams,
  at: Date,
  expiresAt: string,
): Promise<number[]> {
  const now = at.toISOString();
  const holding = `{${params.holding.join(',')}}`;
  const open = await deps.db.rows<{ item_id: number }>(
    sql`update label_leases set expires_at = ${expiresAt}
        where labeler = ${params.labeler} and campaign_id = ${params.campaignId} and state = 'active'
          and expires_at > ${now} and item_id <> all(${holding}::bigint[])
          and item_id in (select item_id from label_leases
            where labeler = ${params.labeler} and campaign_id = ${params.campaignId}
              and state = 'active' and expires_at > ${now}
              and item_id <> all(${holding}::bigint[])
            order by created_at limit ${params.max})
        returning item_id`,
    tx,
  );
  return open.map((row) => row.item_id);
}

/**
 * Up to `wanted` new tasks: each slot gold with probability `goldFraction`, the rest ordinary
 * (tasks synced from new items once when too few are left).
 */
async function pickFreshTasks(
  deps: Pick<Deps, 'db' | 'clock'>,
  tx: PlazaTx,
  params: LeaseTasksParams,
  campaign: Campaign,
  wanted: number,
): Promise<number[]> {
  if (wanted <= 0) return [];
  const fresh: number[] = [];
  let gold = 0;
  for (let slot = 0; slot < wanted; slot++) {
    if (randomInt(1_000_000) < campaign.spec.goldFraction * 1_000_000) gold++;
  }
  if (gold > 0) fresh.push(...(await pickTasks(deps, tx, params, 'gold', gold)));
  const rest = wanted - fresh.length;
  if (rest <= 0) return fresh;
  let picked = await pickTasks(deps, tx, params, campaign.spec.overlap, rest);
  if (picked.length < rest && (await syncTasks(deps, campaign.id, tx)) > 0) {
    picked = [
      ...picked,
      ...(await pickTasks(deps, tx, params, campaign.spec.overlap, rest - picked.length)),
    ];
  }
  return [...fresh, ...picked];
}

/** Leases `items` to the labeler from `now` until `expiresAt`. */
async function insertLeases(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  params: LeaseTasksParams,
  items: readonly number[],
  now: Date,
  expiresAt: string,
): Promise<void> {
  if (items.length === 0) return;
  await deps.db.rows(
    sql`insert into label_leases (item_id, labeler, campaign_id, state, created_at, expires_at)
        select unnest(${`{${items.join(',')}}`}::bigint[]), ${params.labeler}, ${params.campaignId},
          'active', ${now.toISOString()}, ${expiresAt}
        on conflict do nothing`,
    tx,
  );
}

/** The leased items as tasks, in lease order, with their pre-labels (withheld when blind). */
async function loadTasks(
  deps: Pick<Deps, 'db'>,
  campaignId: string,
  ids: readonly number[],
  expiresAt: string,
): Promise<LabelTask[]> {
  const rows = await deps.db.rows<{
    id: number;
    url: string;
    title: string;
    text: string;
    blind: boolean;
    prelabel_value: unknown;
    prelabel_confidence: number | null;
    prelabel_source: unknown;
  }>(
    sql`select i.id, i.url, i.title, i.text, t.blind, p.value as prelabel_value,
          p.confidence as prelabel_confidence, p.source as prelabel_source
        from items i join label_tasks t on t.item_id = i.id
        left join prelabels p on p.item_id = i.id
        where i.id = any(${`{${ids.join(',')}}`}::bigint[])`,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id): LabelTask[] => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        itemId: id,
        campaignId,
        url: row.url,
        title: row.title,
        text: row.text,
        blind: row.blind,
        prelabel: row.blind ? null : toPrelabel(row),
        leaseExpiresAt: expiresAt,
      },
    ];
  });
}

/**
 * Picks and locks tasks the labeler has never had: gold ones, or ordinary ones below `overlap`
 * counting labels and unexpired leases, partly labeled first. Rows another request holds are
 * skipped, not waited for.
 */
async function pickTasks(
  deps: Pick<Deps, 'db' | 'clock'>,
  tx: PlazaTx,
  params: LeaseTasksParams,
  kind: 'gold' | number,
  limit: number,
): Promise<number[]> {
  const now = deps.clock.now().toISOString();
  const notMine = sql`not exists (select 1 from label_leases l
    where l.item_id = t.item_id and l.labeler = ${params.labeler})`;
  const rows =
    kind === 'gold'
      ? await deps.db.rows<{ item_id: number }>(
          sql`select t.item_id from label_tasks t
              where t.campaign_id = ${params.campaignId} and t.gold_value is not null and ${notMine}
              order by random() limit ${limit} for update of t skip locked`,
          tx,
        )
      : await deps.db.rows<{ item_id: number }>(
          sql`select t.item_id from label_tasks t
              where t.campaign_id = ${params.campaignId} and t.gold_value is null
                and t.labels_count < ${kind} and ${notMine}
                and t.labels_count + (select count(*) from label_leases l
                  where l.item_id = t.item_id and l.state = 'active' and l.expires_at > ${now})
                  < ${kind}
              order by t.labels_count desc, t.item_id
              limit ${limit} for update of t skip locked`,
          tx,
        );
  return rows.map((row) => row.item_id);
}
