import type { Campaign, CoordinatorClient } from '@plaza/protocol';
import { useId } from 'react';
import {
  CampaignCrawlFields,
  CampaignLabelFields,
  CampaignLicenseField,
  CampaignQualityFields,
} from './campaign-form-fields.tsx';
import { useCampaignForm } from './use-campaign-form.ts';

/** Props of {@link CampaignForm}. */
export interface CampaignFormProps {
  client: Pick<CoordinatorClient, 'createCampaign'>;
  onCreated: (campaign: Campaign, message: string) => void;
}

/**
 * The create-campaign form. It checks the protocol's rules before sending and shows the API's
 * validation errors next to their fields.
 */
export function CampaignForm({ client, onCreated }: CampaignFormProps) {
  const form = useCampaignForm(client, onCreated);
  const summaryId = useId();
  const { errors, busy } = form;
  const errorCount = Object.keys(errors).length;
  return (
    <form className="campaign-form" onSubmit={(event) => void form.submit(event)} noValidate>
      {errorCount > 0 ? (
        <div id={summaryId} className="error form-summary" role="alert">
          <p>{errors.form ?? 'The campaign was not created. Fix the fields marked below.'}</p>
        </div>
      ) : null}
      <CampaignCrawlFields form={form} />
      <CampaignLabelFields form={form} />
      <CampaignQualityFields form={form} />
      <CampaignLicenseField form={form} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create campaign'}
      </button>
    </form>
  );
}
