import type { BrowserContext, Page } from 'playwright-core';
import {
  type Chain,
  createWalletClient,
  type Hex,
  type HttpTransport,
  http,
  type WalletClient,
} from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';

/** Options of {@link installTestWallet}. */
export interface TestWalletOptions {
  /**
   * A chain node: with it the wallet also answers every other JSON-RPC request (reads are
   * forwarded; `eth_sendTransaction` is signed in the test process and sent),
   * as a browser wallet does once the user approves.
   */
  rpcUrl?: string;
}

/** What the page's wallet was asked to do. */
export interface TestWallet {
  /** Every `personal_sign` message (hex). */
  signed: string[];
  /** Every transaction hash it sent. */
  sent: Hex[];
  /** Every typed-data primary type it signed. */
  typed: string[];
}

type RpcAnswer = { result: unknown } | { error: { code: number; message: string; data?: unknown } };

/**
 * Gives a page (or every page of a browser context, e.g. tabs an extension opens) an EIP-1193
 * wallet (`window.ethereum`) backed by a key held in the test process: `eth_requestAccounts` /
 * `eth_accounts` answer its address, `eth_chainId` the chain, and `personal_sign` and
 * `eth_signTypedData_v4` ask the test process to sign (EIP-191, EIP-712), as a browser wallet
 * would after the user approves. With `rpcUrl`, it is a whole wallet on that chain (see
 * {@link TestWalletOptions}).
 */
export async function installTestWallet(
  page: Page | BrowserContext,
  account: PrivateKeyAccount,
  chainId: number,
  options: TestWalletOptions = {},
): Promise<TestWallet> {
  const wallet: TestWallet = { signed: [], sent: [], typed: [] };
  await page.exposeFunction('__plazaTestWalletSign', async (hexMessage: `0x${string}`) => {
    wallet.signed.push(hexMessage);
    return account.signMessage({ message: { raw: hexMessage } });
  });
  await page.exposeFunction('__plazaTestWalletSignTyped', async (json: string) => {
    const typed = JSON.parse(json) as Parameters<PrivateKeyAccount['signTypedData']>[0] & {
      types: Record<string, unknown>;
    };
    const { EIP712Domain: _domain, ...types } = typed.types;
    wallet.typed.push(String(typed.primaryType));
    return account.signTypedData({ ...typed, types } as typeof typed);
  });
  const { rpcUrl } = options;
  if (rpcUrl) {
    const signer = createWalletClient({
      account,
      chain: {
        id: chainId,
        name: 'test',
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        rpcUrls: { default: { http: [rpcUrl] } },
      },
      transport: http(rpcUrl),
    });
    await page.exposeFunction(
      '__plazaTestWalletRpc',
      (method: string, params: unknown[]): Promise<RpcAnswer> =>
        answer(rpcUrl, signer, wallet, method, params),
    );
  }
  // A string, not a function: tsx would compile a function with helpers the page lacks.
  await page.addInitScript(`(() => {
    const address = ${JSON.stringify(account.address)};
    const chainHex = ${JSON.stringify(`0x${chainId.toString(16)}`)};
    const toHex = (text) =>
      '0x' + Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
    window.ethereum = {
      isPlazaTestWallet: true,
      async request({ method, params }) {
        switch (method) {
          case 'eth_requestAccounts':
          case 'eth_accounts':
            return [address];
          case 'eth_chainId':
            return chainHex;
          case 'personal_sign': {
            const message = String((params && params[0]) || '');
            return window.__plazaTestWalletSign(message.startsWith('0x') ? message : toHex(message));
          }
          case 'eth_signTypedData_v4':
            return window.__plazaTestWalletSignTyped(String(params[1]));
          default: {
            if (!window.__plazaTestWalletRpc) {
              throw Object.assign(new Error('The test wallet does not support ' + method + '.'), { code: 4200 });
            }
            const answer = await window.__plazaTestWalletRpc(method, params || []);
            if ('error' in answer) throw Object.assign(new Error(answer.error.message), answer.error);
            return answer.result;
          }
        }
      },
      on() {},
      removeListener() {},
    };
  })();`);
  return wallet;
}

/** Answers one request of the page's wallet in the test process. */
async function answer(
  rpcUrl: string,
  signer: WalletClient<HttpTransport, Chain, PrivateKeyAccount>,
  wallet: TestWallet,
  method: string,
  params: unknown[],
): Promise<RpcAnswer> {
  try {
    if (method === 'eth_sendTransaction') {
      const tx = params[0] as { to: Hex; data?: Hex; value?: Hex; gas?: Hex };
      const hash = await signer.sendTransaction({
        to: tx.to,
        ...(tx.data ? { data: tx.data } : {}),
        ...(tx.value ? { value: BigInt(tx.value) } : {}),
        ...(tx.gas ? { gas: BigInt(tx.gas) } : {}),
      });
      wallet.sent.push(hash);
      return { result: hash };
    }
    if (method === 'wallet_switchEthereumChain' || method === 'wallet_addEthereumChain') {
      return { result: null };
    }
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = (await res.json()) as RpcAnswer;
    return 'error' in body ? { error: body.error } : { result: body.result };
  } catch (error) {
    return { error: { code: -32603, message: (error as Error).message } };
  }
}
