import type { CommandRun } from '../command-spec.ts';
import { formatTable } from '../format-table.ts';

/** `plaza campaign list`. */
export const run: CommandRun = async ({ client }) => {
  const { campaigns } = await client().listCampaigns();
  const rows = await Promise.all(
    campaigns.map(async (c) => {
      const { stats } = await client().getCampaign(c.id);
      return { campaign: c, stats };
    }),
  );
  return {
    json: { campaigns: rows },
    text:
      rows.length === 0
        ? "No campaigns yet; create one with 'plaza campaign create'."
        : formatTable([
            ['id', 'status', 'name', 'queued', 'fetched', 'items'],
            ...rows.map(({ campaign: c, stats }) => [
              c.id,
              c.status,
              c.name,
              stats.frontier.queued ?? 0,
              stats.frontier.done ?? 0,
              stats.items,
            ]),
          ]),
  };
};
