import { type Device, payoutLinkTypedData } from '@plaza/protocol';
import { type Hex, verifyTypedData } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';
import { signPayoutLinkInWallet } from './sign-payout-link.ts';

const wallet = privateKeyToAccount(
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
);
const info = {
  address: '0x000000000000000000000000000000000000c0de' as const,
  chainId: 31337,
};
const device = '0x000000000000000000000000000000000000d00d' as const;
const NOW = 1_772_366_400;

/** A wallet on `chainHex` that signs typed data with `wallet` and records what it was asked. */
function provider(chainHex = '0x7a69') {
  const asked: string[] = [];
  let chain = chainHex;
  const request: EthereumProvider['request'] = async ({ method, params }) => {
    asked.push(method);
    if (method === 'eth_requestAccounts') return [wallet.address.toLowerCase()];
    if (method === 'eth_chainId') return chain;
    if (method === 'wallet_switchEthereumChain') {
      chain = (params as [{ chainId: string }])[0].chainId;
      return null;
    }
    if (method === 'eth_signTypedData_v4') {
      const [, json] = params as [string, string];
      const typed = JSON.parse(json);
      const { EIP712Domain: _domain, ...types } = typed.types;
      return wallet.signTypedData({ ...typed, types });
    }
    throw new Error(`unexpected ${method}`);
  };
  return { provider: { request }, asked };
}

function client(payoutNonce: number) {
  return {
    info: async () => ({ ...info, version: '1' }) as never,
    getDevice: async () => ({
      device: {
        address: device,
        payout: null,
        payoutNonce,
        reputation: 0.5,
        status: 'active',
        registeredAt: '2026-03-01T12:00:00.000Z',
      } satisfies Device,
    }),
  };
}

describe('signPayoutLinkInWallet', () => {
  it('has the wallet sign the link the extension asked for, on the coordinator’s chain', async () => {
    const { provider: p, asked } = provider('0x1');
    const ask = { device, nonce: 3, issuedAt: NOW };
    const half = await signPayoutLinkInWallet({
      provider: p,
      client: client(2),
      ask,
      now: () => NOW * 1000,
    });
    expect(half.payout).toBe(wallet.address);
    expect(asked).toContain('wallet_switchEthereumChain');
    const typed = payoutLinkTypedData({
      chainId: info.chainId,
      coordinator: info.address,
      ...ask,
      payout: wallet.address,
    });
    const valid = await verifyTypedData({
      ...typed,
      address: wallet.address,
      signature: half.signature as Hex,
    });
    expect(valid).toBe(true);
  });

  it('does not ask the wallet when the ask is stale or no longer the next change', async () => {
    for (const [payoutNonce, issuedAt] of [
      [3, NOW],
      [2, NOW - 7200],
    ] as const) {
      const { provider: p, asked } = provider();
      await expect(
        signPayoutLinkInWallet({
          provider: p,
          client: client(payoutNonce),
          ask: { device, nonce: 3, issuedAt },
          now: () => NOW * 1000,
        }),
      ).rejects.toMatchObject({ code: 'LINK_OUT_OF_DATE' });
      expect(asked).toEqual([]);
    }
  });
});
