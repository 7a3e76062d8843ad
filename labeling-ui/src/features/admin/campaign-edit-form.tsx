import type {
  Campaign,
  CampaignChangeResponse,
  CoordinatorClient,
  UpdateCampaignRequest,
} from '@plaza/protocol';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/form-field.tsx';
import { formatError } from '../../lib/describe-error.ts';

/** Props of {@link CampaignEditForm}. */
export interface CampaignEditFormProps {
  campaign: Campaign;
  client: Pick<CoordinatorClient, 'updateCampaign'>;
  onSaved: (answer: CampaignChangeResponse) => void;
}

interface EditValues {
  hosts: string;
  maxPages: string;
  minDelayMs: string;
  overlap: string;
  qualityFloor: string;
  license: string;
}

function valuesOf(c: Campaign): EditValues {
  return {
    hosts: c.scope.hosts.join('\n'),
    maxPages: String(c.maxPages),
    minDelayMs: String(c.politeness.minDelayMs),
    overlap: String(c.overlap),
    qualityFloor: String(c.qualityFloor),
    license: c.license ?? '',
  };
}

/** The fields that changed, as an edit request (numbers parsed; the coordinator checks ranges). */
export function editRequest(before: Campaign, v: EditValues): UpdateCampaignRequest {
  const patch: UpdateCampaignRequest = {};
  const hosts = v.hosts.split(/[\s,]+/).filter(Boolean);
  if (hosts.join('\n') !== before.scope.hosts.join('\n')) patch.scope = { ...before.scope, hosts };
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  if (number(v.maxPages) !== before.maxPages) patch.maxPages = number(v.maxPages);
  if (number(v.minDelayMs) !== before.politeness.minDelayMs)
    patch.politeness = { minDelayMs: number(v.minDelayMs) };
  if (number(v.overlap) !== before.overlap) patch.overlap = number(v.overlap);
  if (number(v.qualityFloor) !== before.qualityFloor) patch.qualityFloor = number(v.qualityFloor);
  if (v.license.trim() !== (before.license ?? '')) patch.license = v.license.trim();
  return patch;
}

/** Edits a running campaign; only the fields changed are sent. */
export function CampaignEditForm({ campaign, client, onSaved }: CampaignEditFormProps) {
  const [values, setValues] = useState<EditValues>(() => valuesOf(campaign));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof EditValues, value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const patch = editRequest(campaign, values);
    if (Object.keys(patch).length === 0) {
      setError('Nothing changed.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await client.updateCampaign(campaign.id, patch);
      setValues(valuesOf(answer.campaign));
      onSaved(answer);
    } catch (failure) {
      setError(formatError(failure));
    } finally {
      setBusy(false);
    }
  }

  const field = (key: keyof EditValues, label: string, hint: string, type = 'text') => (
    <Field label={label} hint={hint} error={undefined}>
      {(props) => (
        <input
          {...props}
          type={type}
          value={values[key]}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <form
      className="campaign-form"
      aria-labelledby="edit-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="edit-title">Edit</h3>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <Field
        label="Hosts in scope"
        hint="One per line; *.example.com for every subdomain."
        error={undefined}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={values.hosts}
            onChange={(e) => set('hosts', e.target.value)}
          />
        )}
      </Field>
      {field('maxPages', 'Max pages', 'Stop adding URLs past this many.', 'number')}
      {field(
        'minDelayMs',
        'Delay between fetches of a host (ms)',
        'Across every device.',
        'number',
      )}
      {field('overlap', 'Labels per item', '1–15.', 'number')}
      {field('qualityFloor', 'Quality floor', 'Rows need at least this quality (0–1).', 'number')}
      {field('license', 'License', 'An SPDX id, e.g. CC-BY-4.0.')}
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save changes'}
      </button>
    </form>
  );
}
