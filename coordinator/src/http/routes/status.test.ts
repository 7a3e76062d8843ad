import { readBody } from '@plaza/test-kit/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';

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
    // The default process metrics, in the coordinator's own registry.
    expect(metrics).toMatch(/^plaza_process_resident_memory_bytes \d+/m);
    expect(metrics).toMatch(/^plaza_nodejs_eventloop_lag_seconds /m);
  });

  it('is ready while the database answers and every loop had a good iteration lately', async () => {
    const ready = await t.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await readBody(ready)).toMatchObject({
      ready: true,
      checks: {
        database: { ok: true, message: `${t.db.dialect} answers` },
        chain: { ok: true, message: 'no chain configured' },
        loops: { ok: true },
      },
    });
    const start = t.clock.now().getTime();
    t.deps.loopHealth.register('refresh-hosts', 1_000, start);
    t.deps.loopHealth.register('expire-leases', 2_000, start);
    t.clock.advance(90_000);
    t.deps.loopHealth.ok('expire-leases', t.clock.now().getTime());
    t.deps.loopHealth.failed('refresh-hosts', t.clock.now().getTime(), new Error('DNS down'));
    const stale = await t.app.request('/readyz');
    expect(stale.status).toBe(503);
    expect((await readBody(stale)).checks.loops).toMatchObject({
      ok: false,
      message: 'no good iteration lately: refresh-hosts (DNS down)',
    });
    // Liveness does not depend on any of it.
    expect((await t.app.request('/healthz')).status).toBe(200);
  });

  it('is not ready without its database, and says so', async () => {
    const lost = await createTestApp();
    await lost.db.close();
    const res = await lost.app.request('/readyz');
    expect(res.status).toBe(503);
    const body = await readBody(res);
    expect(body.checks.database.ok).toBe(false);
    expect(body.checks.database.message.length).toBeGreaterThan(0);
    expect((await lost.app.request('/healthz')).status).toBe(200);
  });

  it('answers unknown routes with ROUTE_NOT_FOUND', async () => {
    const res = await t.app.request('/v2/nothing');
    expect(res.status).toBe(404);
    expect((await readBody(res)).error.code).toBe('ROUTE_NOT_FOUND');
  });
});
