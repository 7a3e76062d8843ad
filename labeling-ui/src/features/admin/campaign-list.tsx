import type { Campaign } from '@plaza/protocol';
import { formatPercent } from '../../lib/format.ts';
import { routeHref } from '../../lib/route.ts';

/** Props of {@link CampaignList}. */
export interface CampaignListProps {
  campaigns: readonly Campaign[];
}

/** The campaigns, each linking to its pipeline dashboard. */
export function CampaignList({ campaigns }: CampaignListProps) {
  if (campaigns.length === 0) return <p>No campaigns yet. Create the first one below.</p>;
  return (
    <table className="data-table">
      <caption>Campaigns ({campaigns.length})</caption>
      <thead>
        <tr>
          <th scope="col">Campaign</th>
          <th scope="col">Status</th>
          <th scope="col">Labels</th>
          <th scope="col">Overlap</th>
          <th scope="col">Gold / blind</th>
          <th scope="col">Quality floor</th>
        </tr>
      </thead>
      <tbody>
        {campaigns.map((campaign) => (
          <tr key={campaign.id}>
            <td>
              <a href={routeHref({ name: 'admin-campaign', campaignId: campaign.id })}>
                {campaign.name}
              </a>{' '}
              <span className="muted">{campaign.id}</span>
            </td>
            <td>{campaign.status}</td>
            <td>
              {campaign.labelSchema.kind}: {campaign.labelSchema.classes.join(', ')}
            </td>
            <td>{campaign.overlap}</td>
            <td>
              {formatPercent(campaign.goldFraction, 0)} / {formatPercent(campaign.blindFraction, 0)}
            </td>
            <td>{campaign.qualityFloor}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
