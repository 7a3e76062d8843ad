import { createContext, type ReactNode, useContext, useEffect } from 'react';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import type { ChainInfo } from '../../lib/governance-schemas.ts';
import type { KeyValueStorage } from '../../lib/storage.ts';
import { type EthereumProvider, getInjectedProvider } from '../auth/ethereum-provider.ts';
import { useOptionalSession } from '../auth/session-provider.tsx';
import type { PlazaChain } from './plaza-chain.ts';
import { useChainInfo } from './use-chain-info.ts';
import { useWalletConnection } from './use-wallet-connection.ts';
import { useOptionalWalletChoice } from './wallet-choice.tsx';

export { WALLET_KEY } from './resolve-wallet-connection.ts';

/** Where the wallet stands. */
export type WalletState =
  | { status: 'idle' }
  | { status: 'connecting' }
  | { status: 'connected'; chain: PlazaChain }
  | { status: 'wrong-chain'; account: `0x${string}`; walletChainId: number }
  | { status: 'failed'; message: string };

/** What the governance pages get: the API, the chain info and the wallet connection. */
export interface WalletValue {
  api: GovernanceApi;
  /** Whether the browser has an injected wallet. */
  hasWallet: boolean;
  /** `GET /v1/chain/info`, once loaded. */
  info: ChainInfo | null;
  infoError: string | null;
  state: WalletState;
  /** The connected chain, when `state.status` is `connected`. */
  chain: PlazaChain | null;
  /** Loads the chain info (once), and reconnects a wallet connected before without asking. */
  start: () => void;
  connect: () => Promise<void>;
  switchChain: () => Promise<void>;
  /** Forgets the connection here (the wallet keeps its permission until revoked there). */
  disconnect: () => void;
  /** The user moved on: a failure shown before no longer applies. */
  dismissError: () => void;
}

const WalletContext = createContext<WalletValue | null>(null);

/** Props of {@link WalletProvider}. */
export interface WalletProviderProps {
  api: GovernanceApi;
  children: ReactNode;
  /** @default window.ethereum */
  provider?: EthereumProvider | null;
  /** @default window.localStorage */
  storage?: KeyValueStorage;
}

/**
 * Holds the wallet connection of the governance pages. Nothing happens until a page calls
 * `start()`; the wallet code (viem's clients, the ABIs) loads on the first connection.
 */
export function WalletProvider(props: WalletProviderProps) {
  const { api, children } = props;
  const choice = useOptionalWalletChoice();
  const provider =
    props.provider !== undefined
      ? props.provider
      : choice
        ? choice.provider
        : getInjectedProvider();
  const signedIn = useOptionalSession()?.session?.address ?? null;
  const storage = props.storage ?? window.localStorage;
  const { info, infoError, loadInfo } = useChainInfo(api);
  const connection = useWalletConnection({
    givenProvider: props.provider,
    provider,
    choice,
    storage,
    signedIn,
    loadInfo,
  });
  const { state, setState } = connection;

  const value: WalletValue = {
    api,
    hasWallet: provider !== null || (choice?.wallets.length ?? 0) > 0,
    info,
    infoError,
    state,
    chain: state.status === 'connected' ? state.chain : null,
    start: connection.start,
    connect: connection.connect,
    switchChain: connection.switchChain,
    disconnect: connection.disconnect,
    dismissError: () =>
      setState((current) => (current.status === 'failed' ? { status: 'idle' } : current)),
  };
  return <WalletContext.Provider value={value}>{children}</WalletContext.Provider>;
}

/** The wallet of the {@link WalletProvider} above; starts it (chain info, reconnection). */
export function useWallet(): WalletValue {
  const value = useContext(WalletContext);
  if (!value) throw new Error('useWallet() needs a <WalletProvider> above it.');
  const { start } = value;
  useEffect(() => start(), [start]);
  return value;
}
