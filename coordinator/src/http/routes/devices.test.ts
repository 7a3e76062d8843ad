import { payoutLinkTypedData, signPayoutLink } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import { verifyTypedData } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { createTestDevice } from '#testing/test-device.ts';
import { unixSeconds } from '../../clock.ts';

const json = { 'content-type': 'application/json' };

describe('/v1/devices', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const device = () =>
    createTestDevice({ chainId: t.deps.config.PLAZA_CHAIN_ID, coordinator: t.deps.signer.address });
  const post = (path: string, body: unknown) =>
    t.app.request(path, { method: 'POST', headers: json, body: JSON.stringify(body) });

  it('registers a device that signed a recent registration and gives it a token', async () => {
    const d = device();
    const res = await post('/v1/devices', await d.registration(unixSeconds(t.clock.now())));
    expect(res.status).toBe(201);
    const body = await readBody(res);
    expect(body.device).toMatchObject({ address: d.address, payout: null, status: 'active' });
    expect(body.token).toMatch(/^[\w-]{43}$/);
    const get = await t.app.request(`/v1/devices/${d.address}`);
    expect((await readBody(get)).device.address).toBe(d.address);
  });

  it('refuses a registration signed by another key', async () => {
    const d = device();
    const other = device();
    const body = { ...(await d.registration(unixSeconds(t.clock.now()))), address: other.address };
    const res = await post('/v1/devices', body);
    expect(res.status).toBe(401);
    expect((await readBody(res)).error.code).toBe('SIGNATURE_INVALID');
  });

  it('refuses a stale registration and a replayed older one', async () => {
    const d = device();
    const now = unixSeconds(t.clock.now());
    const stale = await post('/v1/devices', await d.registration(now - 3600));
    expect(stale.status).toBe(400);
    const first = await d.registration(now);
    expect((await post('/v1/devices', await d.registration(now + 5))).status).toBe(201);
    const replay = await post('/v1/devices', first);
    expect(replay.status).toBe(409);
    expect((await readBody(replay)).error.code).toBe('NONCE_REPLAYED');
  });

  it('rotates the token on a newer registration', async () => {
    const d = device();
    const now = unixSeconds(t.clock.now());
    const a = await readBody(post('/v1/devices', await d.registration(now)));
    const b = await readBody(post('/v1/devices', await d.registration(now + 1)));
    expect(a.token).not.toBe(b.token);
    const withOld = await t.app.request('/v1/leases', {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${a.token}` },
      body: '{}',
    });
    expect(withOld.status).toBe(401);
  });

  it('links a payout wallet both keys signed, unlinks it, and logs both in the activity', async () => {
    const d = device();
    await post('/v1/devices', await d.registration(unixSeconds(t.clock.now())));
    const wallet = privateKeyToAccount(generatePrivateKey());
    const issuedAt = unixSeconds(t.clock.now());
    const domain = { chainId: t.deps.config.PLAZA_CHAIN_ID, coordinator: t.deps.signer.address };
    const link = {
      ...(await signPayoutLink(wallet, { ...domain, device: d.address, nonce: 1, issuedAt })),
      nonce: 1,
      issuedAt,
      deviceSignature: await d.payoutLink({ payout: wallet.address, nonce: 1, issuedAt }),
    };
    const res = await post(`/v1/devices/${d.address}/payout`, link);
    expect(res.status).toBe(200);
    expect((await readBody(res)).device).toMatchObject({
      payout: wallet.address.toLowerCase(),
      payoutNonce: 1,
    });
    t.clock.advance(60_000);
    const unlink = await post(
      `/v1/devices/${d.address}/payout/unlink`,
      await d.payoutUnlink({ nonce: 2, issuedAt: issuedAt + 60 }),
    );
    expect(unlink.status).toBe(200);
    expect((await readBody(unlink)).device).toMatchObject({ payout: null, payoutNonce: 2 });
    const activity = await readBody(t.app.request(`/v1/devices/${d.address}/activity`));
    expect(activity.device.payoutNonce).toBe(2);
    expect(activity.events).toMatchObject([
      {
        kind: 'payout_unlinked',
        nonce: 2,
        payout: null,
        previous: wallet.address.toLowerCase(),
        payoutSignature: null,
        at: '2026-03-01T12:01:00.000Z',
      },
      {
        kind: 'payout_linked',
        nonce: 1,
        payout: wallet.address.toLowerCase(),
        previous: null,
        issuedAt,
        deviceSignature: link.deviceSignature,
        payoutSignature: link.payoutSignature,
        at: '2026-03-01T12:00:00.000Z',
      },
    ]);
    // Each change carries the device's signature of it, which anyone can check.
    const check = await verifyTypedData({
      ...payoutLinkTypedData({
        ...domain,
        device: d.address,
        payout: wallet.address,
        nonce: 1,
        issuedAt,
      }),
      address: d.address,
      signature: activity.events[1].deviceSignature,
    });
    expect(check).toBe(true);
    const unknown = await t.app.request(`/v1/devices/0x${'ab'.repeat(20)}/activity`);
    expect(unknown.status).toBe(404);
  });

  it('answers unknown devices with 404 and bad addresses with 400', async () => {
    expect((await t.app.request(`/v1/devices/0x${'ab'.repeat(20)}`)).status).toBe(404);
    const bad = await t.app.request('/v1/devices/not-an-address');
    expect(bad.status).toBe(400);
    expect((await readBody(bad)).error.code).toBe('VALIDATION_FAILED');
  });

  it('answers malformed JSON and wrong types with codes, not crashes', async () => {
    const malformed = await t.app.request('/v1/devices', {
      method: 'POST',
      headers: json,
      body: '{"address":',
    });
    expect(malformed.status).toBe(400);
    expect((await readBody(malformed)).error.code).toBe('BAD_JSON');
    const wrong = await post('/v1/devices', { address: 42, issuedAt: 'soon', signature: null });
    expect(wrong.status).toBe(400);
    const body = await readBody(wrong);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues.length).toBeGreaterThanOrEqual(3);
  });
});
