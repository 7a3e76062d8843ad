import {
  type Device,
  type LinkPayoutRequest,
  type PayoutEvent,
  payoutLinkTypedData,
  signPayoutLink,
} from '@plaza/protocol';
import { verifyTypedData } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { checkPayoutEvents, linkPayoutWallet, nextPayoutChange } from './payout.ts';

const info = { chainId: 31337, address: privateKeyToAccount(generatePrivateKey()).address };
const deviceAccount = privateKeyToAccount(generatePrivateKey());
const device = deviceAccount.address.toLowerCase() as `0x${string}`;
const wallet = privateKeyToAccount(generatePrivateKey());
const domain = { chainId: info.chainId, coordinator: info.address };

function deviceRow(fields: Partial<Device>): Device {
  return {
    address: device,
    payout: null,
    payoutNonce: 0,
    reputation: 0.5,
    status: 'active',
    registeredAt: '2026-03-01T12:00:00.000Z',
    ...fields,
  };
}

describe('payout links in the extension', () => {
  it('takes the next nonce after the last accepted one', () => {
    expect(nextPayoutChange({ payoutNonce: 4 }, 1_772_366_400_999)).toEqual({
      nonce: 5,
      issuedAt: 1_772_366_400,
    });
  });

  it("sends the wallet's signature with the device's signature of the same link", async () => {
    const sent: LinkPayoutRequest[] = [];
    const issuedAt = 1_772_366_400;
    const half = await signPayoutLink(wallet, { ...domain, device, nonce: 1, issuedAt });
    const linked = await linkPayoutWallet({
      client: {
        linkPayout: async (_address, body) => {
          sent.push(body);
          return { device: deviceRow({ payout: half.payout, payoutNonce: 1 }) };
        },
      },
      account: deviceAccount,
      info,
      payout: half.payout,
      nonce: 1,
      issuedAt,
      payoutSignature: half.payoutSignature,
    });
    expect(linked.payout).toBe(half.payout);
    const body = sent[0]!;
    expect(body).toMatchObject({ payout: half.payout, nonce: 1, issuedAt });
    const typed = payoutLinkTypedData({
      ...domain,
      device,
      payout: half.payout,
      nonce: 1,
      issuedAt,
    });
    const signature = body.deviceSignature as `0x${string}`;
    expect(await verifyTypedData({ ...typed, address: device, signature })).toBe(true);
    expect(await verifyTypedData({ ...typed, address: wallet.address, signature })).toBe(false);
  });

  it('flags a payout change the device did not sign', async () => {
    const issuedAt = 1_772_366_400;
    const typed = payoutLinkTypedData({
      ...domain,
      device,
      payout: wallet.address,
      nonce: 1,
      issuedAt,
    });
    const event: PayoutEvent = {
      kind: 'payout_linked',
      nonce: 1,
      payout: wallet.address.toLowerCase() as `0x${string}`,
      previous: null,
      issuedAt,
      deviceSignature: await deviceAccount.signTypedData(typed),
      payoutSignature: await wallet.signTypedData(typed),
      at: '2026-03-01T12:00:00.000Z',
    };
    const forged: PayoutEvent = {
      ...event,
      nonce: 2,
      payout: privateKeyToAccount(generatePrivateKey()).address.toLowerCase() as `0x${string}`,
      deviceSignature: event.payoutSignature ?? '',
    };
    const unlinkedByOther: PayoutEvent = {
      ...event,
      kind: 'payout_unlinked',
      nonce: 3,
      payout: null,
      deviceSignature: '0x1234',
    };
    const checked = await checkPayoutEvents([unlinkedByOther, forged, event], { device, info });
    expect(checked.map((e) => e.signedByDevice)).toEqual([false, false, true]);
  });
});
