import { campaigns } from '@plaza/db';
import type { CampaignStats } from '@plaza/protocol';
import { asc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { toCampaign } from './to-campaign.ts';

/** Every campaign, oldest first. */
export async function listCampaigns(deps: Pick<Deps, 'db'>) {
  const rows = await deps.db.db.select().from(campaigns).orderBy(asc(campaigns.createdAt));
  return { campaigns: rows.map(toCampaign) };
}

/** One campaign and its pipeline counters. */
export async function getCampaign(deps: Pick<Deps, 'db'>, id: string) {
  const [row] = await deps.db.db.select().from(campaigns).where(eq(campaigns.id, id));
  if (!row) throw new NotFoundError('CAMPAIGN_NOT_FOUND', `No campaign "${id}".`);
  return { campaign: toCampaign(row), stats: await campaignStats(deps, id) };
}

/** Counters of one campaign, or of all when `id` is null. */
export async function campaignStats(
  deps: Pick<Deps, 'db'>,
  id: string | null,
): Promise<CampaignStats> {
  const where = id === null ? sql`true` : sql`campaign_id = ${id}`;
  const [frontier, outcomes, itemCount, deviceCount] = await Promise.all([
    deps.db.rows<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from frontier_urls where ${where} group by status`,
    ),
    deps.db.rows<{ outcome: string; n: number }>(
      sql`select outcome, count(*)::int as n from contributions where ${where} group by outcome`,
    ),
    deps.db.rows<{ n: number }>(sql`select count(*)::int as n from items where ${where}`),
    deps.db.rows<{ n: number }>(
      sql`select count(distinct device_address)::int as n from contributions where ${where}`,
    ),
  ]);
  return {
    frontier: Object.fromEntries(frontier.map((r) => [r.status, r.n])),
    contributions: Object.fromEntries(outcomes.map((r) => [r.outcome, r.n])),
    items: itemCount[0]?.n ?? 0,
    devices: deviceCount[0]?.n ?? 0,
  };
}
