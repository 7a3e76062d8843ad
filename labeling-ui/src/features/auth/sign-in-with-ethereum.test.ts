import { CoordinatorError, type SignInRequest } from '@plaza/protocol';
import { type Hex, verifyMessage } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { parseSiweMessage } from 'viem/siwe';
import { describe, expect, it, vi } from 'vitest';
import type { EthereumProvider } from './ethereum-provider.ts';
import { signInWithEthereum } from './sign-in-with-ethereum.ts';

const account = privateKeyToAccount(
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
);

function wallet(overrides: Partial<Record<string, () => unknown>> = {}): EthereumProvider {
  return {
    async request({ method, params }) {
      const override = overrides[method];
      if (override) return override();
      if (method === 'eth_requestAccounts') return [account.address.toLowerCase()];
      if (method === 'personal_sign') {
        const [raw] = params as [Hex, string];
        return account.signMessage({ message: { raw } });
      }
      throw new Error(`unexpected ${method}`);
    },
  };
}

function coordinator() {
  const signIn = vi.fn(async (body: SignInRequest) => ({
    token: 'x'.repeat(40),
    address: account.address.toLowerCase() as `0x${string}`,
    roles: ['labeler' as const],
    expiresAt: '2030-01-01T00:00:00Z',
    body,
  }));
  return {
    authNonce: async () => ({
      nonce: 'n0nceN0nce42',
      domain: 'plaza.example',
      chainId: 31337,
      expiresAt: '2030-01-01T00:00:00Z',
    }),
    signIn,
  };
}

describe('signInWithEthereum', () => {
  it('signs an EIP-4361 message the coordinator can verify', async () => {
    const client = coordinator();
    const session = await signInWithEthereum({
      provider: wallet(),
      client,
      origin: 'https://plaza.example',
      now: () => new Date('2025-03-01T00:00:00Z'),
    });
    expect(session.token).toHaveLength(40);
    const body = client.signIn.mock.calls[0]?.[0];
    if (!body) throw new Error('signIn was not called');
    const fields = parseSiweMessage(body.message);
    expect(fields.nonce).toBe('n0nceN0nce42');
    expect(fields.domain).toBe('plaza.example');
    expect(fields.uri).toBe('https://plaza.example');
    const valid = await verifyMessage({
      address: account.address,
      message: body.message,
      signature: body.signature as Hex,
    });
    expect(valid).toBe(true);
  });

  it("does not ask the wallet when the page is not on the coordinator's public origin", async () => {
    const client = {
      ...coordinator(),
      authNonce: async () => ({
        nonce: 'n0nceN0nce42',
        domain: 'plaza.example',
        uri: 'https://plaza.example',
        chainId: 31337,
        expiresAt: '2030-01-01T00:00:00Z',
      }),
    };
    const signed: string[] = [];
    const provider = wallet({
      personal_sign: () => {
        signed.push('asked');
        return '0x';
      },
    });
    await expect(
      signInWithEthereum({ provider, client, origin: 'http://localhost:5173' }),
    ).rejects.toMatchObject({ code: 'WRONG_ORIGIN' });
    expect(signed).toEqual([]);
    expect(client.signIn).not.toHaveBeenCalled();
  });

  it('says when there is no wallet', async () => {
    await expect(
      signInWithEthereum({ provider: null, client: coordinator(), origin: 'https://a.example' }),
    ).rejects.toMatchObject({ code: 'WALLET_MISSING' });
  });

  it('says when the user declines', async () => {
    const rejecting = wallet({
      personal_sign: () => {
        throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
      },
    });
    const client = coordinator();
    await expect(
      signInWithEthereum({ provider: rejecting, client, origin: 'https://a.example' }),
    ).rejects.toMatchObject({ code: 'WALLET_REJECTED' });
    expect(client.signIn).not.toHaveBeenCalled();
  });

  it('passes the coordinator refusal on with its code', async () => {
    const client = coordinator();
    client.signIn.mockRejectedValueOnce(
      new CoordinatorError('NONCE_REPLAYED', 'The nonce was used already.', 409, false),
    );
    await expect(
      signInWithEthereum({ provider: wallet(), client, origin: 'https://a.example' }),
    ).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
  });
});
