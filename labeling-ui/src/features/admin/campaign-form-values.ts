import {
  type CreateCampaignRequest,
  createCampaignRequestSchema,
  type LabelSchema,
} from '@plaza/protocol';

/** The create-campaign form as typed: text, parsed on submit. */
export interface CampaignFormValues {
  id: string;
  name: string;
  /** One URL a line. */
  seeds: string;
  /** One host a line (or separated by commas or spaces); `*.example.com` allowed. */
  hosts: string;
  kind: LabelSchema['kind'];
  /** One class a line. */
  classes: string;
  overlap: string;
  goldFraction: string;
  goldThreshold: string;
  blindFraction: string;
  qualityFloor: string;
  /** An SPDX id; blank leaves the API's default. */
  license: string;
}

/** A field of the form, or `form` for errors that belong to no field. */
export type CampaignFormField = keyof CampaignFormValues | 'form';

/** Error messages by field. */
export type CampaignFormErrors = Partial<Record<CampaignFormField, string>>;

/** The form's starting values: the API's defaults. */
export const defaultCampaignFormValues: CampaignFormValues = {
  id: '',
  name: '',
  seeds: '',
  hosts: '',
  kind: 'classification',
  classes: '',
  overlap: '3',
  goldFraction: '0.1',
  goldThreshold: '0.7',
  blindFraction: '0.2',
  qualityFloor: '0.5',
  license: 'ODC-By-1.0',
};

const numberFields = [
  'overlap',
  'goldFraction',
  'goldThreshold',
  'blindFraction',
  'qualityFloor',
] as const;

/** The request the form stands for; blank number fields are left to the API's defaults. */
export function toCreateCampaignRequest(values: CampaignFormValues): CreateCampaignRequest {
  const request: CreateCampaignRequest = {
    id: values.id.trim(),
    name: values.name.trim(),
    seeds: lines(values.seeds),
    scope: { hosts: lines(values.hosts.replace(/[,\s]+/g, '\n')).map((h) => h.toLowerCase()) },
    labelSchema: { kind: values.kind, classes: lines(values.classes) },
  };
  for (const field of numberFields) {
    const text = values[field].trim();
    // A non-number is passed on as NaN so that validation names the field.
    if (text !== '') request[field] = Number(text);
  }
  if (values.license.trim() !== '') request.license = values.license.trim();
  return request;
}

/** Checks the form against the protocol's schema: the same rules the API applies. */
export function validateCampaignForm(
  values: CampaignFormValues,
):
  | { request: CreateCampaignRequest; errors: null }
  | { request: null; errors: CampaignFormErrors } {
  const request = toCreateCampaignRequest(values);
  const parsed = createCampaignRequestSchema.safeParse(request);
  if (parsed.success) return { request, errors: null };
  return { request: null, errors: errorsFromIssues(parsed.error.issues) };
}

/**
 * Maps validation issues (zod's `{ path, message }`, as the API's `VALIDATION_FAILED` details are
 * expected to carry) to form fields. Anything unrecognised goes to `form`.
 */
export function errorsFromIssues(details: unknown): CampaignFormErrors {
  const issues = Array.isArray(details)
    ? details
    : details &&
        typeof details === 'object' &&
        Array.isArray((details as { issues?: unknown }).issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  const errors: CampaignFormErrors = {};
  for (const issue of issues) {
    if (!issue || typeof issue !== 'object') continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const field = fieldOf(
      Array.isArray(path) ? path : typeof path === 'string' ? path.split('.') : [],
    );
    const where = Array.isArray(path) && typeof path[path.length - 1] === 'number' ? path : null;
    const text =
      where && field !== 'form'
        ? `line ${Number(where[where.length - 1]) + 1}: ${message}`
        : message;
    errors[field] = errors[field] ? `${errors[field]}; ${text}` : text;
  }
  return errors;
}

function fieldOf(path: readonly unknown[]): CampaignFormField {
  const [first, second] = path;
  if (first === 'scope') return 'hosts';
  if (first === 'labelSchema') return second === 'kind' ? 'kind' : 'classes';
  if (first === 'seeds' || first === 'id' || first === 'name') return first;
  if (typeof first === 'string' && (numberFields as readonly string[]).includes(first)) {
    return first as CampaignFormField;
  }
  return 'form';
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
