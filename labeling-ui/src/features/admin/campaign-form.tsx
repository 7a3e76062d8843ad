import { type Campaign, type CoordinatorClient, CoordinatorError } from '@plaza/protocol';
import { type FormEvent, useId, useState } from 'react';
import { Field } from '../../components/form-field.tsx';
import { formatError } from '../../lib/describe-error.ts';
import {
  type CampaignFormErrors,
  type CampaignFormValues,
  defaultCampaignFormValues,
  errorsFromIssues,
  validateCampaignForm,
} from './campaign-form-values.ts';

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
  const [values, setValues] = useState<CampaignFormValues>(defaultCampaignFormValues);
  const [errors, setErrors] = useState<CampaignFormErrors>({});
  const [busy, setBusy] = useState(false);
  const summaryId = useId();

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
      const refused = answer.frontier.refused.length;
      onCreated(
        answer.campaign,
        `Created “${answer.campaign.name}”: ${answer.frontier.added} seed URLs entered the frontier${
          refused > 0
            ? `, ${refused} refused (${answer.frontier.refused.map((r) => `${r.url}: ${r.code}`).join('; ')})`
            : ''
        }.`,
      );
      setValues(defaultCampaignFormValues);
    } catch (failure) {
      const fieldErrors =
        failure instanceof CoordinatorError ? errorsFromIssues(failure.details) : {};
      setErrors({ ...fieldErrors, form: formatError(failure) });
    } finally {
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form className="campaign-form" onSubmit={(event) => void submit(event)} noValidate>
      {errorCount > 0 ? (
        <div id={summaryId} className="error form-summary" role="alert">
          <p>{errors.form ?? 'The campaign was not created. Fix the fields marked below.'}</p>
        </div>
      ) : null}
      <Field
        label="Id"
        hint="A lowercase slug, 3–64 characters: letters, digits, dashes."
        error={errors.id}
      >
        {(props) => (
          <input
            {...props}
            value={values.id}
            onChange={(e) => set('id', e.target.value)}
            required
            autoComplete="off"
          />
        )}
      </Field>
      <Field label="Name" error={errors.name}>
        {(props) => (
          <input
            {...props}
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
            required
          />
        )}
      </Field>
      <Field label="Seed URLs" hint="One http(s) URL a line." error={errors.seeds}>
        {(props) => (
          <textarea
            {...props}
            rows={4}
            value={values.seeds}
            onChange={(e) => set('seeds', e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Scope hosts"
        hint="One host a line; *.example.com allows its subdomains."
        error={errors.hosts}
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
      <Field label="Label kind" error={errors.kind}>
        {(props) => (
          <select
            {...props}
            value={values.kind}
            onChange={(e) => set('kind', e.target.value as CampaignFormValues['kind'])}
          >
            <option value="classification">Classification (one class)</option>
            <option value="multi-label">Multi-label (any classes)</option>
            <option value="spans">Spans (classes of text passages)</option>
          </select>
        )}
      </Field>
      <Field
        label="Classes"
        hint="One class a line, 2–50; keys 1–9 pick the first nine."
        error={errors.classes}
      >
        {(props) => (
          <textarea
            {...props}
            rows={4}
            value={values.classes}
            onChange={(e) => set('classes', e.target.value)}
          />
        )}
      </Field>
      <div className="field-row">
        <NumberField
          label="Overlap (labels per item)"
          min={1}
          max={15}
          step={1}
          value={values.overlap}
          error={errors.overlap}
          onChange={(v) => set('overlap', v)}
        />
        <NumberField
          label="Gold fraction"
          min={0}
          max={0.5}
          step={0.01}
          value={values.goldFraction}
          error={errors.goldFraction}
          onChange={(v) => set('goldFraction', v)}
        />
        <NumberField
          label="Gold threshold"
          min={0}
          max={1}
          step={0.01}
          value={values.goldThreshold}
          error={errors.goldThreshold}
          onChange={(v) => set('goldThreshold', v)}
        />
        <NumberField
          label="Blind fraction"
          min={0}
          max={1}
          step={0.01}
          value={values.blindFraction}
          error={errors.blindFraction}
          onChange={(v) => set('blindFraction', v)}
        />
        <NumberField
          label="Quality floor"
          min={0}
          max={1}
          step={0.01}
          value={values.qualityFloor}
          error={errors.qualityFloor}
          onChange={(v) => set('qualityFloor', v)}
        />
      </div>
      <Field
        label="License"
        hint="The dataset's license, an SPDX id (CC-BY-4.0, ODC-By-1.0, CC0-1.0 …); it goes into every version's manifest and card."
        error={errors.license}
      >
        {(props) => (
          <input
            {...props}
            value={values.license}
            onChange={(e) => set('license', e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create campaign'}
      </button>
    </form>
  );
}

interface NumberFieldProps {
  label: string;
  min: number;
  max: number;
  step: number;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

function NumberField({ label, min, max, step, value, error, onChange }: NumberFieldProps) {
  return (
    <Field label={label} hint={`${min}–${max}`} error={error}>
      {(props) => (
        <input
          {...props}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
