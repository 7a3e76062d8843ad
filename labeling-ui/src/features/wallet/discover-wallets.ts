import { createStore, type EIP6963ProviderDetail } from 'mipd';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';

/** A wallet the browser offers: announced through EIP-6963, or the plain `window.ethereum`. */
export interface DiscoveredWallet {
  /** The announcement's uuid, or `injected`. */
  id: string;
  name: string;
  /** Reverse-DNS id (`io.metamask`), stable across page loads; null for `window.ethereum`. */
  rdns: string | null;
  /** A `data:image/…` URI, or null. */
  icon: string | null;
  provider: EthereumProvider;
}

/** The id of the wallet found at `window.ethereum` when no wallet announced itself. */
export const INJECTED_WALLET_ID = 'injected';

/**
 * The wallets to offer: every valid EIP-6963 announcement (deduplicated by rdns, first wins), or,
 * when none announced itself, the injected `window.ethereum`. Announcements come from page
 * scripts: a malformed one (no name, no `request` function, an icon that is not a data URI) is
 * left out.
 */
export function listWallets(
  announced: readonly EIP6963ProviderDetail[],
  injected: EthereumProvider | null,
): DiscoveredWallet[] {
  const wallets: DiscoveredWallet[] = [];
  const seen = new Set<string>();
  for (const detail of announced) {
    const info = detail?.info;
    const provider = detail?.provider as EthereumProvider | undefined;
    if (!info || typeof info.name !== 'string' || typeof info.uuid !== 'string') continue;
    if (!provider || typeof provider.request !== 'function') continue;
    const rdns = typeof info.rdns === 'string' && info.rdns ? info.rdns : null;
    const key = rdns ?? info.uuid;
    if (seen.has(key)) continue;
    seen.add(key);
    wallets.push({
      id: info.uuid,
      name: info.name.slice(0, 64) || 'Unnamed wallet',
      rdns,
      icon: typeof info.icon === 'string' && info.icon.startsWith('data:image/') ? info.icon : null,
      provider,
    });
  }
  if (wallets.length === 0 && injected) {
    wallets.push({
      id: INJECTED_WALLET_ID,
      name: 'Browser wallet',
      rdns: null,
      icon: null,
      provider: injected,
    });
  }
  return wallets;
}

/** Listens for EIP-6963 announcements (and asks wallets to announce themselves). */
export interface WalletDiscovery {
  /** The announcements so far. */
  announced(): readonly EIP6963ProviderDetail[];
  /** Called on each new announcement; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

/** Starts EIP-6963 discovery with `mipd`: dispatches `eip6963:requestProvider`, keeps the answers. */
export function createWalletDiscovery(): WalletDiscovery {
  const store = createStore();
  return {
    announced: () => store.getProviders(),
    subscribe: (listener) => store.subscribe(() => listener()),
    destroy: () => store.destroy(),
  };
}
