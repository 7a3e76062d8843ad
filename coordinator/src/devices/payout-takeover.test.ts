import { createDeviceSigner, plazaDomain, signPayoutLink } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { createTestDevice } from '#testing/test-device.ts';
import { unixSeconds } from '../clock.ts';

const json = { 'content-type': 'application/json' };
const newAccount = () => privateKeyToAccount(generatePrivateKey());

/** The link type the coordinator accepted before: signed by the payout wallet alone. */
const walletOnlyLinkTypes = {
  PayoutLink: [
    { name: 'device', type: 'address' },
    { name: 'payout', type: 'address' },
    { name: 'nonce', type: 'uint64' },
  ],
} as const;

/** Attacks on the payout of a device: each one must leave the owner's shares where they are. */
describe('payout takeover attacks', () => {
  let t: TestApp;
  let device: ReturnType<typeof createTestDevice>;
  beforeEach(async () => {
    t = await createTestApp();
    device = createTestDevice({
      chainId: t.deps.config.PLAZA_CHAIN_ID,
      coordinator: t.deps.signer.address,
    });
    await post('/v1/devices', await device.registration(now()));
  });
  afterEach(() => t.close());

  const now = () => unixSeconds(t.clock.now());
  const post = (path: string, body: unknown) =>
    t.app.request(path, { method: 'POST', headers: json, body: JSON.stringify(body) });
  const payoutOf = async () =>
    (await readBody(t.app.request(`/v1/devices/${device.address}`))).device.payout;
  const eventsOf = async () =>
    (await readBody(t.app.request(`/v1/devices/${device.address}/activity`))).events ?? [];
  const domain = () => ({
    chainId: t.deps.config.PLAZA_CHAIN_ID,
    coordinator: t.deps.signer.address,
  });
  /** A link signed by the device (the owner) and by `wallet`, as the extension makes it. */
  const ownerLink = async (wallet: PrivateKeyAccount, nonce: number, issuedAt = now()) => ({
    ...(await signPayoutLink(wallet, { ...domain(), device: device.address, nonce, issuedAt })),
    nonce,
    issuedAt,
    deviceSignature: await device.payoutLink({ payout: wallet.address, nonce, issuedAt }),
  });
  /** What an attacker could send before: a link its own wallet alone signed for the device. */
  const walletOnlyLink = async (attacker: PrivateKeyAccount, nonce: number) => ({
    payout: attacker.address,
    nonce,
    signature: await attacker.signTypedData({
      domain: plazaDomain(domain()),
      types: walletOnlyLinkTypes,
      primaryType: 'PayoutLink',
      message: { device: device.address, payout: attacker.address, nonce: BigInt(nonce) },
    }),
  });

  it('refuses a link a foreign wallet signed for a device it does not hold', async () => {
    const attacker = newAccount();
    const alone = await post(
      `/v1/devices/${device.address}/payout`,
      await walletOnlyLink(attacker, 1),
    );
    expect(alone.status).toBe(400);
    // The new shape with the attacker's own key standing in for the device's.
    const issuedAt = now();
    const half = await signPayoutLink(attacker, {
      ...domain(),
      device: device.address,
      nonce: 1,
      issuedAt,
    });
    const forgedDevice = await post(`/v1/devices/${device.address}/payout`, {
      ...half,
      nonce: 1,
      issuedAt,
      deviceSignature: half.payoutSignature,
    });
    expect(forgedDevice.status).toBe(401);
    expect((await readBody(forgedDevice)).error.code).toBe('SIGNATURE_INVALID');
    expect(await payoutOf()).toBeNull();
    expect(await eventsOf()).toEqual([]);
  });

  it('refuses a link the device signed for a wallet that did not agree', async () => {
    const victim = newAccount();
    const link = await ownerLink(victim, 1);
    const res = await post(`/v1/devices/${device.address}/payout`, {
      ...link,
      payoutSignature: link.deviceSignature,
    });
    expect(res.status).toBe(401);
    expect((await readBody(res)).error.message).toMatch(/not signed by 0x/);
    expect(await payoutOf()).toBeNull();
  });

  it('cannot lock the owner out with a huge nonce', async () => {
    const attacker = newAccount();
    const huge = await post(
      `/v1/devices/${device.address}/payout`,
      await walletOnlyLink(attacker, Number.MAX_SAFE_INTEGER),
    );
    expect(huge.status).toBeGreaterThanOrEqual(400);
    // Even a link both keys signed cannot jump the counter: only the next nonce is accepted.
    const owner = newAccount();
    const jump = await post(
      `/v1/devices/${device.address}/payout`,
      await ownerLink(owner, 2 ** 32),
    );
    expect(jump.status).toBe(409);
    expect(await readBody(jump)).toMatchObject({
      error: { code: 'NONCE_OUT_OF_ORDER', details: { expected: 1 } },
    });
    const tooBig = await post(`/v1/devices/${device.address}/payout`, {
      ...(await ownerLink(owner, 1)),
      nonce: Number.MAX_SAFE_INTEGER,
    });
    expect(tooBig.status).toBe(400);
    const linked = await post(`/v1/devices/${device.address}/payout`, await ownerLink(owner, 1));
    expect(linked.status).toBe(200);
    expect((await readBody(linked)).device).toMatchObject({
      payout: owner.address.toLowerCase(),
      payoutNonce: 1,
    });
  });

  it('refuses a replayed old link, after a change and after an unlink', async () => {
    const first = newAccount();
    const second = newAccount();
    const oldLink = await ownerLink(first, 1);
    expect((await post(`/v1/devices/${device.address}/payout`, oldLink)).status).toBe(200);
    const newLink = await ownerLink(second, 2);
    expect((await post(`/v1/devices/${device.address}/payout`, newLink)).status).toBe(200);
    const replay = await post(`/v1/devices/${device.address}/payout`, oldLink);
    expect(replay.status).toBe(409);
    expect((await readBody(replay)).error.code).toBe('NONCE_REPLAYED');
    expect(await payoutOf()).toBe(second.address.toLowerCase());
    const unlink = await device.payoutUnlink({ nonce: 3, issuedAt: now() });
    expect((await post(`/v1/devices/${device.address}/payout/unlink`, unlink)).status).toBe(200);
    expect((await post(`/v1/devices/${device.address}/payout`, newLink)).status).toBe(409);
    expect((await post(`/v1/devices/${device.address}/payout/unlink`, unlink)).status).toBe(409);
    expect(await payoutOf()).toBeNull();
  });

  it('refuses links signed for another coordinator, another chain or another device', async () => {
    const wallet = newAccount();
    const issuedAt = now();
    const elsewhere = async (d: { chainId: number; coordinator: `0x${string}` }) => {
      // The same device key and wallet, signing for another domain.
      const deviceThere = createDeviceSigner(device.account, d);
      return {
        ...(await signPayoutLink(wallet, { ...d, device: device.address, nonce: 1, issuedAt })),
        nonce: 1,
        issuedAt,
        deviceSignature: await deviceThere.payoutLink({
          payout: wallet.address,
          nonce: 1,
          issuedAt,
        }),
      };
    };
    const otherChain = await elsewhere({ ...domain(), chainId: 1 });
    const otherCoordinator = await elsewhere({ ...domain(), coordinator: newAccount().address });
    for (const link of [otherChain, otherCoordinator]) {
      const res = await post(`/v1/devices/${device.address}/payout`, link);
      expect(res.status).toBe(401);
      expect((await readBody(res)).error.code).toBe('SIGNATURE_INVALID');
    }
    // A link made for one device, sent for another.
    const other = createTestDevice(domain());
    await post('/v1/devices', await other.registration(now()));
    const res = await post(`/v1/devices/${other.address}/payout`, await ownerLink(wallet, 1));
    expect(res.status).toBe(401);
    expect(await payoutOf()).toBeNull();
  });

  it('refuses a link or unlink signed long ago, and an unlink a stranger signed', async () => {
    const stale = await post(
      `/v1/devices/${device.address}/payout`,
      await ownerLink(newAccount(), 1, now() - 2 * 3600),
    );
    expect(stale.status).toBe(400);
    const strangerDevice = createTestDevice(domain());
    const forged = await strangerDevice.payoutUnlink({ nonce: 1, issuedAt: now() });
    const res = await post(`/v1/devices/${device.address}/payout/unlink`, forged);
    expect(res.status).toBe(401);
    expect(await eventsOf()).toEqual([]);
  });
});
