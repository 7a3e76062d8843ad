import type { Page } from 'playwright-core';
import type { PrivateKeyAccount } from 'viem/accounts';

/**
 * Gives a page an EIP-1193 wallet (`window.ethereum`) backed by a key held in the test process:
 * `eth_requestAccounts` / `eth_accounts` answer its address, `eth_chainId` the chain, and
 * `personal_sign` asks the test process to sign (EIP-191), as a browser wallet would after the
 * user approves. Every signing request is counted in `signed`.
 */
export async function installTestWallet(
  page: Page,
  account: PrivateKeyAccount,
  chainId: number,
): Promise<{ signed: string[] }> {
  const signed: string[] = [];
  await page.exposeFunction('__plazaTestWalletSign', async (hexMessage: `0x${string}`) => {
    signed.push(hexMessage);
    return account.signMessage({ message: { raw: hexMessage } });
  });
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
          default:
            throw Object.assign(new Error('The test wallet does not support ' + method + '.'), { code: 4200 });
        }
      },
      on() {},
      removeListener() {},
    };
  })();`);
  return { signed };
}
