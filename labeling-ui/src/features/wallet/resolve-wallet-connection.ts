import { formatError } from '../../lib/describe-error.ts';
import type { ChainInfo } from '../../lib/governance-schemas.ts';
import { type KeyValueStorage, removeKey, writeJson } from '../../lib/storage.ts';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';
import type { WalletState } from './wallet-provider.tsx';

/** Where `localStorage` remembers that this browser connected its wallet (reconnect on load). */
export const WALLET_KEY = 'plaza:wallet';

/** What {@link resolveWalletConnection} needs. */
export interface ResolveWalletConnectionParams {
  provider: EthereumProvider;
  /** Asked by a click: the wallet may ask the user, and a failure is said. */
  prompt: boolean;
  loadInfo: () => Promise<ChainInfo>;
  storage: KeyValueStorage;
}

/**
 * Connects the wallet to the coordinator's chain (the wallet code loads here, on first use) and
 * says where the wallet stands then; remembers or forgets the connection in `storage`.
 */
export async function resolveWalletConnection(
  params: ResolveWalletConnectionParams,
): Promise<WalletState> {
  const { provider, prompt, loadInfo, storage } = params;
  try {
    const chainInfo = await loadInfo();
    if (!chainInfo.plaza) {
      // Asked by a click: say why; on sign-in or page load there is simply nothing to do.
      return prompt
        ? {
            status: 'failed',
            message: 'This coordinator runs without a chain: there is nothing to connect to.',
          }
        : { status: 'idle' };
    }
    const { connectPlazaChain } = await import('./connect-plaza-chain.ts');
    const result = await connectPlazaChain({
      provider,
      chainId: chainInfo.chainId,
      plaza: chainInfo.plaza,
      prompt,
    });
    if (result.kind === 'no-account') {
      removeKey(storage, WALLET_KEY);
      return { status: 'idle' };
    }
    writeJson(storage, WALLET_KEY, 'connected');
    return result.kind === 'connected'
      ? { status: 'connected', chain: result.chain }
      : { status: 'wrong-chain', account: result.account, walletChainId: result.walletChainId };
  } catch (error) {
    return { status: 'failed', message: formatError(error) };
  }
}
