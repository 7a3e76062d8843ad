import { plazaDomain } from '@plaza/protocol';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { createWalletVerifier, type WalletChainClient } from './create-wallet-verifier.ts';

const key = privateKeyToAccount(generatePrivateKey());
const contractWallet = privateKeyToAccount(generatePrivateKey()).address;

/** A chain client that records what it was asked and answers `answer`. */
function chain(answer: boolean | Error) {
  const asked: string[] = [];
  const client: WalletChainClient = {
    verifyHash: async (params) => {
      asked.push(params.address);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { client, asked };
}

describe('createWalletVerifier', () => {
  it("checks a key's signature by recovery, without asking the chain", async () => {
    const { client, asked } = chain(false);
    const wallets = createWalletVerifier(client);
    const message = 'plaza.example wants you to sign in';
    const signature = await key.signMessage({ message });
    expect(await wallets.verifyMessage({ address: key.address, message, signature })).toBe(true);
    const typed = {
      domain: plazaDomain({ chainId: 31337, coordinator: contractWallet }),
      types: { Ping: [{ name: 'n', type: 'uint64' }] },
      primaryType: 'Ping',
      message: { n: 1n },
    } as const;
    const typedSignature = await key.signTypedData(typed);
    expect(
      await wallets.verifyTypedData({ ...typed, address: key.address, signature: typedSignature }),
    ).toBe(true);
    expect(asked).toEqual([]);
  });

  it('asks the chain only when recovery does not give the address (a contract wallet)', async () => {
    const message = 'hello';
    const signature = await key.signMessage({ message });
    const yes = chain(true);
    expect(
      await createWalletVerifier(yes.client).verifyMessage({
        address: contractWallet,
        message,
        signature,
      }),
    ).toBe(true);
    expect(yes.asked).toEqual([contractWallet]);
    const no = chain(false);
    expect(
      await createWalletVerifier(no.client).verifyMessage({
        address: contractWallet,
        message,
        signature,
      }),
    ).toBe(false);
    // Without a chain, only keys can sign.
    expect(
      await createWalletVerifier(null).verifyMessage({
        address: contractWallet,
        message,
        signature,
      }),
    ).toBe(false);
  });

  it('answers UNAVAILABLE, not "invalid", when the chain cannot be asked', async () => {
    const { client } = chain(new Error('connection refused'));
    await expect(
      createWalletVerifier(client).verifyMessage({
        address: contractWallet,
        message: 'x',
        signature: `0x${'11'.repeat(100)}`,
      }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
  });

  it('refuses typed data that cannot be hashed instead of throwing', async () => {
    const wallets = createWalletVerifier(null);
    const bad = await wallets.verifyTypedData({
      domain: {},
      types: { Ping: [{ name: 'n', type: 'uint64' }] },
      primaryType: 'Ping',
      message: { n: -1n },
      address: key.address,
      signature: `0x${'11'.repeat(65)}`,
    });
    expect(bad).toBe(false);
  });
});
