import { describe, expect, it } from 'vitest';
import {
  defaultCampaignFormValues,
  errorsFromIssues,
  toCreateCampaignRequest,
  validateCampaignForm,
} from './campaign-form-values.ts';

const filled = {
  ...defaultCampaignFormValues,
  id: 'news-2025',
  name: 'News 2025',
  seeds: 'https://example.com/\n\n https://example.com/world \n',
  hosts: 'example.com, *.example.org',
  classes: 'News\nSports\n',
};

describe('toCreateCampaignRequest', () => {
  it('splits lines, trims, and reads numbers', () => {
    expect(toCreateCampaignRequest(filled)).toEqual({
      id: 'news-2025',
      name: 'News 2025',
      seeds: ['https://example.com/', 'https://example.com/world'],
      scope: { hosts: ['example.com', '*.example.org'] },
      labelSchema: { kind: 'classification', classes: ['News', 'Sports'] },
      overlap: 3,
      goldFraction: 0.1,
      goldThreshold: 0.7,
      blindFraction: 0.2,
      qualityFloor: 0.5,
      license: 'ODC-By-1.0',
    });
  });

  it('leaves blank numbers to the API defaults', () => {
    const request = toCreateCampaignRequest({ ...filled, overlap: ' ' });
    expect('overlap' in request).toBe(false);
  });
});

describe('validateCampaignForm', () => {
  it('accepts a complete form', () => {
    expect(validateCampaignForm(filled).errors).toBeNull();
  });

  it('names the fields that are wrong', () => {
    const result = validateCampaignForm({
      ...filled,
      id: 'Not A Slug',
      hosts: '',
      classes: 'Only one',
      goldFraction: '0.9',
      seeds: 'https://ok.example/\nftp://nope',
    });
    expect(result.request).toBeNull();
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(
      ['classes', 'goldFraction', 'hosts', 'id', 'seeds'].sort(),
    );
    expect(result.errors?.seeds).toMatch(/^line 2:/);
  });
});

describe('errorsFromIssues', () => {
  it('reads the API details as an array or as { issues }', () => {
    expect(errorsFromIssues([{ path: ['scope', 'hosts', 0], message: 'bad host' }])).toEqual({
      hosts: 'line 1: bad host',
    });
    expect(
      errorsFromIssues({ issues: [{ path: 'labelSchema.kind', message: 'bad kind' }] }),
    ).toEqual({ kind: 'bad kind' });
    expect(errorsFromIssues([{ path: ['attribution'], message: 'must sum to 1' }])).toEqual({
      form: 'must sum to 1',
    });
    expect(errorsFromIssues('nonsense')).toEqual({});
  });
});
