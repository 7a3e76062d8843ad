import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { unixSeconds } from '../../clock.ts';

const CACHE_SECONDS = 10;

describe('/v1/leases trusting a recent token lookup', () => {
  let t: TestApp;
  afterEach(() => t.close());

  async function setup() {
    t = await createTestApp({ env: { PLAZA_LEASE_AUTH_CACHE_SECONDS: String(CACHE_SECONDS) } });
    await seedCampaign(t);
    const device = await registerTestDevice(t);
    expect((await device.lease({ max: 1 })).status).toBe(200);
    return device;
  }

  it('refuses a quarantined device at once on submit, and on lease once the lookup is old', async () => {
    const device = await setup();
    await t.db.rows(
      sql`update devices set status = 'quarantined' where lower(address) = lower(${device.account.address})`,
    );
    const submit = await device.submit({});
    expect(submit.status).toBe(403);
    expect((await readBody(submit)).error.code).toBe('DEVICE_QUARANTINED');
    // Within the cache time the lease route still trusts the lookup it made.
    expect((await device.lease({ max: 1 })).status).toBe(200);
    t.clock.advance(CACHE_SECONDS * 1000);
    const lease = await device.lease({ max: 1 });
    expect(lease.status).toBe(403);
    expect((await readBody(lease)).error.code).toBe('DEVICE_QUARANTINED');
    // A quarantined device is never remembered: the next lease asks the database again.
    await t.db.rows(
      sql`update devices set status = 'active' where lower(address) = lower(${device.account.address})`,
    );
    expect((await device.lease({ max: 1 })).status).toBe(200);
  });

  it('refuses a rotated token at once on submit, and on lease once the lookup is old', async () => {
    const device = await setup();
    t.clock.advance(1_000);
    const rotated = await t.app.request('/v1/devices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await device.registration(unixSeconds(t.clock.now()))),
    });
    expect(rotated.status).toBe(201);
    expect((await device.submit({})).status).toBe(401);
    t.clock.advance(CACHE_SECONDS * 1000);
    const lease = await device.lease({ max: 1 });
    expect(lease.status).toBe(401);
  });
});
