import type { Campaign } from '@plaza/protocol';
import { useId } from 'react';

/** Props of {@link CampaignPicker}. */
export interface CampaignPickerProps {
  campaigns: readonly Campaign[];
  selected: Campaign | null;
  onSelect: (id: string) => void;
}

/** A labelled select of the campaigns (closed ones are listed but not selectable). */
export function CampaignPicker({ campaigns, selected, onSelect }: CampaignPickerProps) {
  const id = useId();
  return (
    <div className="campaign-picker">
      <label htmlFor={id}>Campaign</label>
      <select id={id} value={selected?.id ?? ''} onChange={(event) => onSelect(event.target.value)}>
        {selected ? null : <option value="">Choose a campaign</option>}
        {campaigns.map((campaign) => (
          <option key={campaign.id} value={campaign.id} disabled={campaign.status === 'closed'}>
            {campaign.name} ({campaign.id})
            {campaign.status === 'active' ? '' : ` — ${campaign.status}`}
          </option>
        ))}
      </select>
    </div>
  );
}
