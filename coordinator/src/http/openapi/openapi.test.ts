import { readBody } from '@plaza/test-kit/http';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { operations } from './operations.ts';

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is valid OpenAPI 3.1 for an independent validator', async () => {
    const doc = await readBody(t.app.request('/openapi.json'));
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route the app serves, and nothing it does not', () => {
    const served = new Set(
      t.app.routes
        .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
        .map((r) => `${r.method.toLowerCase()} ${r.path}`),
    );
    const documented = new Set(operations.map((op) => `${op.method} ${op.path}`));
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });

  it('carries the zod schemas: a campaign edit body and the hosts answer', async () => {
    const doc = await readBody(t.app.request('/openapi.json'));
    const edit = doc.paths['/v1/campaigns/{id}'].patch;
    const body = edit.requestBody.content['application/json'].schema;
    expect(body.properties.qualityFloor).toEqual({ type: 'number', minimum: 0, maximum: 1 });
    expect(body.additionalProperties).toBe(false);
    expect(edit.security).toEqual([{ adminKey: [] }, { session: [] }]);
    const hosts = doc.paths['/v1/campaigns/{id}/hosts'].get;
    expect(hosts.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'limit']);
    const blocker =
      hosts.responses['200'].content['application/json'].schema.properties.hosts.items.properties
        .blockers.items.properties.code;
    expect(blocker.enum).toContain('ROBOTS_DISALLOWED');
    expect(doc.components.schemas.ErrorCode.enum).toContain('CAMPAIGN_CLOSED');
  });

  it('has a reference page listing every operation', async () => {
    const res = await t.app.request('/reference');
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    for (const op of operations) {
      expect(html).toContain(`<code>${op.path.replace(/:([A-Za-z]+)/g, '{$1}')}</code>`);
    }
    expect(html).not.toContain('<script');
  });
});
