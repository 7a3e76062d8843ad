import type { Campaign, CoordinatorClient } from '@plaza/protocol';
import type { ReactNode } from 'react';
import { CampaignPicker } from './campaign-picker.tsx';
import { useCampaigns } from './use-campaigns.ts';
import { useSelectedCampaign } from './use-selected-campaign.ts';

/** Props of {@link CampaignChooser}. */
export interface CampaignChooserProps {
  client: Pick<CoordinatorClient, 'listCampaigns'>;
  /** Renders the page for the chosen campaign. */
  children: (campaign: Campaign) => ReactNode;
}

/** Loads the campaigns, lets the user pick one (remembered), and renders the page for it. */
export function CampaignChooser({ client, children }: CampaignChooserProps) {
  const { campaigns, error, reload } = useCampaigns(client);
  const [selected, select] = useSelectedCampaign(campaigns);
  if (error) {
    return (
      <p className="error" role="alert">
        Could not load the campaigns: {error}{' '}
        <button type="button" className="link-button" onClick={reload}>
          Try again
        </button>
      </p>
    );
  }
  if (!campaigns) {
    return (
      <p className="loading" role="status">
        Loading campaigns…
      </p>
    );
  }
  if (campaigns.length === 0) {
    return <p role="status">There are no campaigns yet.</p>;
  }
  return (
    <>
      <CampaignPicker campaigns={campaigns} selected={selected} onSelect={select} />
      {selected ? children(selected) : null}
    </>
  );
}
