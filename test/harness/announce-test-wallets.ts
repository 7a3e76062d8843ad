import type { Page } from 'playwright-core';
import type { PrivateKeyAccount } from 'viem/accounts';

/** What the announced wallets were asked. */
export interface AnnouncedWallets {
  /** Every `wallet_addEthereumChain` parameter object the real wallet got. */
  added: unknown[];
  /** Every method the decoy wallet was asked (it refuses them all). */
  decoyAsked: string[];
  /** Every `personal_sign` the real wallet signed (hex). */
  signed: string[];
}

/**
 * Announces two EIP-6963 wallets in a page, and no `window.ethereum`: "Rabby Test" (a real wallet
 * whose key the test process holds; it starts on chain 1 and knows only chains it was asked to
 * add, answering 4902 for others, emits `chainChanged`, and remembers its chain across page loads) and "Decoy Wallet" (refuses every
 * request with 4001, as a user who declines). Reads go to `rpcUrl`.
 */
export async function announceTestWallets(
  page: Page,
  account: PrivateKeyAccount,
  rpcUrl: string,
): Promise<AnnouncedWallets> {
  const seen = await exposeWalletBridges(page, account, rpcUrl);
  // A string, not a function: tsx would compile a function with helpers the page lacks.
  await page.addInitScript(testWalletsScript(account.address));
  return seen;
}

/**
 * Exposes to the page what the wallets call back into the test process: signing with the real
 * wallet's key, recording added chains and the decoy's requests, and reads at `rpcUrl`. Returns
 * the record they fill in.
 */
async function exposeWalletBridges(
  page: Page,
  account: PrivateKeyAccount,
  rpcUrl: string,
): Promise<AnnouncedWallets> {
  const seen: AnnouncedWallets = { added: [], decoyAsked: [], signed: [] };
  await page.exposeFunction('__plazaAnnouncedSign', async (hexMessage: `0x${string}`) => {
    seen.signed.push(hexMessage);
    return account.signMessage({ message: { raw: hexMessage } });
  });
  await page.exposeFunction('__plazaAnnouncedAdded', (json: string) => {
    seen.added.push(JSON.parse(json));
  });
  await page.exposeFunction('__plazaDecoyAsked', (method: string) => {
    seen.decoyAsked.push(method);
  });
  await page.exposeFunction('__plazaAnnouncedRpc', async (method: string, params: unknown[]) => {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    return res.json();
  });
  return seen;
}

/** The page script announcing both wallets (see {@link announceTestWallets}) for `address`. */
function testWalletsScript(address: `0x${string}`): string {
  return `(() => {
    const address = ${JSON.stringify(address)};
    const toHex = (text) =>
      '0x' + Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
    // Like a real wallet, it remembers its chains across page loads (in the page's storage).
    const saved = JSON.parse(localStorage.getItem('__plazaTestWalletChains') || 'null');
    let chainHex = saved ? saved.current : '0x1';
    const known = new Set(saved ? saved.known : ['0x1']);
    const save = () =>
      localStorage.setItem('__plazaTestWalletChains', JSON.stringify({ current: chainHex, known: [...known] }));
    const listeners = {};
    const emit = (event, value) => (listeners[event] || []).forEach((listener) => listener(value));
    const real = {
      async request({ method, params }) {
        switch (method) {
          case 'eth_requestAccounts':
          case 'eth_accounts':
            return [address];
          case 'eth_chainId':
            return chainHex;
          case 'personal_sign': {
            const message = String((params && params[0]) || '');
            return window.__plazaAnnouncedSign(message.startsWith('0x') ? message : toHex(message));
          }
          case 'wallet_switchEthereumChain': {
            const id = String(params[0].chainId).toLowerCase();
            if (!known.has(id)) {
              throw Object.assign(new Error('Unrecognized chain ID ' + id + '.'), { code: 4902 });
            }
            chainHex = id;
            save();
            emit('chainChanged', id);
            return null;
          }
          case 'wallet_addEthereumChain': {
            await window.__plazaAnnouncedAdded(JSON.stringify(params[0]));
            const id = String(params[0].chainId).toLowerCase();
            known.add(id);
            chainHex = id;
            save();
            emit('chainChanged', id);
            return null;
          }
          default: {
            const answer = await window.__plazaAnnouncedRpc(method, params || []);
            if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
            return answer.result;
          }
        }
      },
      on(event, listener) {
        (listeners[event] = listeners[event] || []).push(listener);
      },
      removeListener(event, listener) {
        listeners[event] = (listeners[event] || []).filter((l) => l !== listener);
      },
    };
    const decoy = {
      async request({ method }) {
        await window.__plazaDecoyAsked(method);
        throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
      },
      on() {},
      removeListener() {},
    };
    const icon = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect width="24" height="24" fill="#7084ff"/></svg>');
    const wallets = [
      [{ uuid: '5e1b6a0c-0000-4000-8000-000000000001', name: 'Rabby Test', icon, rdns: 'io.rabby.test' }, real],
      [{ uuid: '5e1b6a0c-0000-4000-8000-000000000002', name: 'Decoy Wallet', icon, rdns: 'com.example.decoy' }, decoy],
    ];
    const announce = () => {
      for (const [info, provider] of wallets) {
        window.dispatchEvent(
          new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }),
        );
      }
    };
    window.addEventListener('eip6963:requestProvider', announce);
    announce();
  })();`;
}
