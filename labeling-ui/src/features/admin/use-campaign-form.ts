import { type Campaign, type CoordinatorClient, CoordinatorError } from '@plaza/protocol';
import { type FormEvent, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import {
  type CampaignFormErrors,
  type CampaignFormValues,
  defaultCampaignFormValues,
  errorsFromIssues,
  validateCampaignForm,
} from './campaign-form-values.ts';

type CreateCampaignAnswer = Awaited<ReturnType<CoordinatorClient['createCampaign']>>;

/** What the admin is told once a campaign is created: its seeds that entered, and those refused. */
export function createdMessage(answer: CreateCampaignAnswer): string {
  const refused = answer.frontier.refused.length;
  return `Created “${answer.campaign.name}”: ${answer.frontier.added} seed URLs entered the frontier${
    refused > 0
      ? `, ${refused} refused (${answer.frontier.refused.map((r) => `${r.url}: ${r.code}`).join('; ')})`
      : ''
  }.`;
}

/**
 * The create-campaign form's state: its values, the errors (the protocol's rules checked before
 * sending, the API's validation errors after), and the submit.
 */
export function useCampaignForm(
  client: Pick<CoordinatorClient, 'createCampaign'>,
  onCreated: (campaign: Campaign, message: string) => void,
) {
  const [values, setValues] = useState<CampaignFormValues>(defaultCampaignFormValues);
  const [errors, setErrors] = useState<CampaignFormErrors>({});
  const [busy, setBusy] = useState(false);

  function set<K extends keyof CampaignFormValues>(key: K, value: CampaignFormValues[K]): void {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const checked = validateCampaignForm(values);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const answer = await client.createCampaign(checked.request);
      onCreated(answer.campaign, createdMessage(answer));
      setValues(defaultCampaignFormValues);
    } catch (failure) {
      const fieldErrors =
        failure instanceof CoordinatorError ? errorsFromIssues(failure.details) : {};
      setErrors({ ...fieldErrors, form: formatError(failure) });
    } finally {
      setBusy(false);
    }
  }

  return { values, errors, busy, set, submit };
}

/** The state {@link useCampaignForm} gives the form. */
export type CampaignFormState = ReturnType<typeof useCampaignForm>;
