import type { EIP6963ProviderDetail } from 'mipd';
import { describe, expect, it } from 'vitest';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';
import { addWalletChain, switchWalletChain } from './connect-plaza-chain.ts';
import { INJECTED_WALLET_ID, listWallets } from './discover-wallets.ts';

const provider = (): EthereumProvider => ({ request: async () => null });
const announce = (name: string, rdns: string, uuid: string, p = provider()) =>
  ({
    info: { name, rdns, uuid, icon: 'data:image/svg+xml,<svg/>' },
    provider: p,
  }) as unknown as EIP6963ProviderDetail;

describe('listWallets', () => {
  it('offers every announced wallet once, and not window.ethereum beside them', () => {
    const wallets = listWallets(
      [
        announce('Rabby', 'io.rabby', 'a'),
        announce('MetaMask', 'io.metamask', 'b'),
        announce('MetaMask again', 'io.metamask', 'c'),
      ],
      provider(),
    );
    expect(wallets.map((w) => [w.id, w.name, w.rdns])).toEqual([
      ['a', 'Rabby', 'io.rabby'],
      ['b', 'MetaMask', 'io.metamask'],
    ]);
  });

  it('falls back to a plain injected window.ethereum when nothing announces itself', () => {
    const injected = provider();
    const [only, ...rest] = listWallets([], injected);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ id: INJECTED_WALLET_ID, rdns: null, provider: injected });
    expect(listWallets([], null)).toEqual([]);
  });

  it('leaves out malformed announcements (no request function, no name, a script icon)', () => {
    const bad = [
      { info: { name: 'No provider', rdns: 'x.a', uuid: '1' }, provider: {} },
      { info: { rdns: 'x.b', uuid: '2' }, provider: provider() },
      {
        info: { name: 'Odd icon', rdns: 'x.c', uuid: '3', icon: 'javascript:alert(1)' },
        provider: provider(),
      },
    ] as unknown as EIP6963ProviderDetail[];
    const wallets = listWallets(bad, null);
    expect(wallets.map((w) => [w.name, w.icon])).toEqual([['Odd icon', null]]);
  });
});

describe('switchWalletChain', () => {
  const recording = (knows: boolean) => {
    const calls: { method: string; params?: unknown }[] = [];
    let known = knows;
    const wallet: EthereumProvider = {
      async request(args) {
        calls.push(args);
        if (args.method === 'wallet_addEthereumChain') known = true;
        if (args.method === 'wallet_switchEthereumChain' && !known) {
          throw Object.assign(new Error('Unrecognized chain'), { code: 4902 });
        }
        return null;
      },
    };
    return { wallet, calls };
  };

  it("adds the chain with the coordinator's name and RPC URL when the wallet does not know it", async () => {
    const { wallet, calls } = recording(false);
    await switchWalletChain(wallet, 31337, {
      name: 'Plaza local (anvil)',
      rpcUrl: 'http://127.0.0.1:8545',
    });
    expect(calls.map((c) => c.method)).toEqual([
      'wallet_switchEthereumChain',
      'wallet_addEthereumChain',
    ]);
    expect(calls[1]?.params).toEqual([
      {
        chainId: '0x7a69',
        chainName: 'Plaza local (anvil)',
        rpcUrls: ['http://127.0.0.1:8545'],
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      },
    ]);
  });

  it('says CHAIN_UNKNOWN when the coordinator offers no RPC URL', async () => {
    const { wallet } = recording(false);
    await expect(
      switchWalletChain(wallet, 8453, { name: 'Plaza chain 8453', rpcUrl: null }),
    ).rejects.toMatchObject({ code: 'CHAIN_UNKNOWN' });
  });

  it('names a refused addition as the user declining', async () => {
    const wallet: EthereumProvider = {
      request: async () => {
        throw Object.assign(new Error('User rejected'), { code: 4001 });
      },
    };
    await expect(
      addWalletChain(wallet, 31337, { name: 'x', rpcUrl: 'http://127.0.0.1:8545' }),
    ).rejects.toMatchObject({ code: 'WALLET_REJECTED' });
  });
});
