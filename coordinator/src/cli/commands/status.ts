import type { CampaignHostsResponse } from '@plaza/protocol';
import type { CommandRun } from '../command-spec.ts';
import { formatTable } from '../format-table.ts';

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

/** The text of a campaign's status: counters, then each blocked host and why. */
function campaignText(
  name: string,
  stats: { frontier: Record<string, number>; contributions: Record<string, number>; items: number },
  hosts: CampaignHostsResponse,
): string {
  const lines = [
    formatTable([
      ['campaign', `${hosts.campaignId} (${name})`],
      ['status', hosts.status],
      ['frontier', counts(stats.frontier)],
      ['contributions', counts(stats.contributions)],
      ['items', stats.items],
      ['hosts', hosts.hosts.length + hosts.more],
    ]),
  ];
  const blocked = hosts.hosts.filter((h) => h.blockers.length > 0);
  if (blocked.length === 0) {
    lines.push('', 'Nothing holds it back.');
    return lines.join('\n');
  }
  lines.push('', `Why it is stuck (${counts(hosts.summary)}):`);
  for (const host of blocked) {
    lines.push(`  ${host.host}  (${counts(host.urls)})`);
    for (const b of host.blockers) {
      lines.push(`    ${b.code}: ${b.message}${b.until ? ` Next look: ${b.until}.` : ''}`);
    }
  }
  if (hosts.more > 0)
    lines.push(`  … and ${hosts.more} more host(s); see --json or the admin page.`);
  return lines.join('\n');
}

/** `plaza status [CAMPAIGN]`: system counters, or a campaign's pipeline and why it is stuck. */
export const run: CommandRun = async ({ args, client }) => {
  const campaignId = args[0];
  if (campaignId) {
    const [{ campaign, stats }, hosts] = await Promise.all([
      client().getCampaign(campaignId),
      client().campaignHosts(campaignId),
    ]);
    return { json: { campaign, stats, hosts }, text: campaignText(campaign.name, stats, hosts) };
  }
  const status = await client().status();
  return {
    json: status,
    text: formatTable([
      ['campaigns', status.campaigns],
      ['devices', status.devices],
      ['items', status.items],
      ['active leases', status.activeLeases],
      ...Object.entries(status.frontier).map(([k, v]) => [`frontier ${k}`, v] as const),
      ...Object.entries(status.contributions).map(([k, v]) => [`contributions ${k}`, v] as const),
    ]),
  };
};
