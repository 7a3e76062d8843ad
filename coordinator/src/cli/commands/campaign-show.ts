import type { Campaign } from '@plaza/protocol';
import type { CommandRun } from '../command-spec.ts';
import { formatTable } from '../format-table.ts';

/** A campaign's settings as rows of a table. */
export function campaignRows(c: Campaign): (readonly [string, string | number])[] {
  return [
    ['id', c.id],
    ['name', c.name],
    ['status', c.status],
    [
      'scope',
      [
        ...c.scope.hosts,
        ...(c.scope.include ?? []).map((g) => `+${g}`),
        ...(c.scope.exclude ?? []).map((g) => `-${g}`),
      ].join(' '),
    ],
    ['max pages', c.maxPages],
    ['delay between fetches', `${c.politeness.minDelayMs} ms`],
    ['labels', `${c.labelSchema.kind}: ${c.labelSchema.classes.join(', ')}`],
    ['overlap', c.overlap],
    ['quality floor', c.qualityFloor],
    ['license', c.license ?? '—'],
  ];
}

/** `plaza campaign show ID`. */
export const run: CommandRun = async ({ args, client }) => {
  const { campaign, stats } = await client().getCampaign(args[0] as string);
  const counts = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  return {
    json: { campaign, stats },
    text: formatTable([
      ...campaignRows(campaign),
      ['frontier', counts(stats.frontier)],
      ['contributions', counts(stats.contributions)],
      ['items', stats.items],
    ]),
  };
};
