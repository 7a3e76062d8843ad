import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { readBody } from '../../testing/read-body.ts';
import { registerTestDevice, seedCampaign } from '../../testing/seed.ts';

describe('status routes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('tells clients what to sign for', async () => {
    const body = await readBody(t.app.request('/v1/coordinator'));
    expect(body).toEqual({
      address: t.deps.signer.address.toLowerCase(),
      chainId: 31337,
      version: expect.any(String),
    });
  });

  it('counts the whole system', async () => {
    await seedCampaign(t);
    const device = await registerTestDevice(t);
    await device.lease();
    const body = await readBody(t.app.request('/v1/status'));
    expect(body).toEqual({
      campaigns: 1,
      devices: 1,
      frontier: { queued: 1, leased: 2 },
      contributions: {},
      items: 0,
      activeLeases: 2,
    });
  });

  it('serves health and Prometheus metrics', async () => {
    expect(await readBody(t.app.request('/healthz'))).toEqual({ ok: true });
    await t.app.request('/v1/campaigns');
    const metrics = await (await t.app.request('/metrics')).text();
    expect(metrics).toMatch(
      /plaza_http_requests_total\{route="\/v1\/campaigns",method="GET",status="200"\} 1/,
    );
    expect(metrics).toContain('# TYPE plaza_http_request_duration_seconds histogram');
  });

  it('answers unknown routes with ROUTE_NOT_FOUND', async () => {
    const res = await t.app.request('/v2/nothing');
    expect(res.status).toBe(404);
    expect((await readBody(res)).error.code).toBe('ROUTE_NOT_FOUND');
  });
});
