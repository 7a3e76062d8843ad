import { Field } from '../../components/form-field.tsx';
import type { CampaignFormValues } from './campaign-form-values.ts';
import type { CampaignFormState } from './use-campaign-form.ts';

/** Props of the campaign form's field groups. */
interface FieldsProps {
  form: CampaignFormState;
}

/** Props of {@link TextAreaField}. */
interface TextAreaFieldProps extends FieldsProps {
  name: 'seeds' | 'hosts' | 'classes';
  label: string;
  hint: string;
  rows: number;
}

/** A text area bound to one of the form's values. */
function TextAreaField({ form, name, label, hint, rows }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={form.errors[name]}>
      {(props) => (
        <textarea
          {...props}
          rows={rows}
          value={form.values[name]}
          onChange={(e) => form.set(name, e.target.value)}
        />
      )}
    </Field>
  );
}

/** The campaign's id and name, its seed URLs and the hosts in scope. */
export function CampaignCrawlFields({ form }: FieldsProps) {
  const { values, errors, set } = form;
  return (
    <>
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
      <TextAreaField
        form={form}
        name="seeds"
        label="Seed URLs"
        hint="One http(s) URL a line."
        rows={4}
      />
      <TextAreaField
        form={form}
        name="hosts"
        label="Scope hosts"
        hint="One host a line; *.example.com allows its subdomains."
        rows={3}
      />
    </>
  );
}

/** The label kind and the classes. */
export function CampaignLabelFields({ form }: FieldsProps) {
  const { values, errors, set } = form;
  return (
    <>
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
      <TextAreaField
        form={form}
        name="classes"
        label="Classes"
        hint="One class a line, 2–50; keys 1–9 pick the first nine."
        rows={4}
      />
    </>
  );
}

/** The numbers of a campaign's quality policy: each label, its bounds and its step. */
const QUALITY_FIELDS = [
  { name: 'overlap', label: 'Overlap (labels per item)', min: 1, max: 15, step: 1 },
  { name: 'goldFraction', label: 'Gold fraction', min: 0, max: 0.5, step: 0.01 },
  { name: 'goldThreshold', label: 'Gold threshold', min: 0, max: 1, step: 0.01 },
  { name: 'blindFraction', label: 'Blind fraction', min: 0, max: 1, step: 0.01 },
  { name: 'qualityFloor', label: 'Quality floor', min: 0, max: 1, step: 0.01 },
] as const;

/** Overlap, gold and blind fractions, gold threshold and quality floor, in one row. */
export function CampaignQualityFields({ form }: FieldsProps) {
  return (
    <div className="field-row">
      {QUALITY_FIELDS.map(({ name, label, min, max, step }) => (
        <NumberField
          key={name}
          label={label}
          min={min}
          max={max}
          step={step}
          value={form.values[name]}
          error={form.errors[name]}
          onChange={(v) => form.set(name, v)}
        />
      ))}
    </div>
  );
}

/** The dataset's license. */
export function CampaignLicenseField({ form }: FieldsProps) {
  return (
    <Field
      label="License"
      hint="The dataset's license, an SPDX id (CC-BY-4.0, ODC-By-1.0, CC0-1.0 …); it goes into every version's manifest and card."
      error={form.errors.license}
    >
      {(props) => (
        <input
          {...props}
          value={form.values.license}
          onChange={(e) => form.set('license', e.target.value)}
        />
      )}
    </Field>
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
