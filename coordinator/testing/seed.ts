import type { CreateCampaignRequest } from '@plaza/protocol';
import { unixSeconds } from '../src/clock.ts';
import { refreshHosts } from '../src/frontier/refresh-hosts.ts';
import { campaignFixture } from './campaign-fixture.ts';
import type { TestApp } from './create-test-app.ts';
import { createTestDevice } from './test-device.ts';

/** Creates a campaign through the API and checks robots.txt of its hosts. */
export async function seedCampaign(t: TestApp, overrides: Partial<CreateCampaignRequest> = {}) {
  const res = await t.app.request('/v1/campaigns', {
    method: 'POST',
    headers: t.admin,
    body: JSON.stringify(campaignFixture(overrides)),
  });
  if (res.status !== 201) throw new Error(`campaign create failed: ${await res.text()}`);
  await refreshHosts(t.deps);
  return res.json();
}

/** Registers a simulated device; returns it with request helpers bound to its token. */
export async function registerTestDevice(t: TestApp) {
  const device = createTestDevice({
    chainId: t.deps.config.PLAZA_CHAIN_ID,
    coordinator: t.deps.signer.address,
  });
  const res = await t.app.request('/v1/devices', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(await device.registration(unixSeconds(t.clock.now()))),
  });
  if (res.status !== 201) throw new Error(`device registration failed: ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    ...device,
    token,
    lease: async (body: object = { max: 8 }) =>
      t.app.request('/v1/leases', { method: 'POST', headers, body: JSON.stringify(body) }),
    submit: async (body: unknown) =>
      t.app.request('/v1/contributions', { method: 'POST', headers, body: JSON.stringify(body) }),
  };
}
