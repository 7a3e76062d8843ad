import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { z } from 'zod';
import { formatError } from '../../lib/describe-error.ts';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import type { ChainInfo } from '../../lib/governance-schemas.ts';
import { type KeyValueStorage, readJson, removeKey, writeJson } from '../../lib/storage.ts';
import { type EthereumProvider, getInjectedProvider } from '../auth/ethereum-provider.ts';
import { useOptionalSession } from '../auth/session-provider.tsx';
import { WalletMissingError } from '../auth/wallet-errors.ts';
import type { PlazaChain } from './plaza-chain.ts';
import { useOptionalWalletChoice } from './wallet-choice.tsx';

/** Where `localStorage` remembers that this browser connected its wallet (reconnect on load). */
export const WALLET_KEY = 'plaza:wallet';

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

const rememberedSchema = z.literal('connected');

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
  const requestProvider = choice?.requestProvider;
  const signedIn = useOptionalSession()?.session?.address ?? null;
  const storage = props.storage ?? window.localStorage;
  const [info, setInfo] = useState<ChainInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [state, setState] = useState<WalletState>({ status: 'idle' });
  const infoLoad = useRef<Promise<ChainInfo> | null>(null);
  const started = useRef(false);

  const loadInfo = useCallback((): Promise<ChainInfo> => {
    if (!infoLoad.current) {
      const loading = api.chainInfo();
      infoLoad.current = loading;
      loading.then(
        (answer) => {
          setInfo(answer);
          setInfoError(null);
        },
        (error: unknown) => {
          infoLoad.current = null;
          setInfoError(formatError(error));
        },
      );
    }
    return infoLoad.current;
  }, [api]);

  const connectWith = useCallback(
    async (prompt: boolean, given?: EthereumProvider | null): Promise<void> => {
      const provider = given ?? props.provider ?? choice?.provider ?? getInjectedProvider();
      if (!provider) {
        if (prompt) setState({ status: 'failed', message: formatError(new WalletMissingError()) });
        return;
      }
      if (prompt) setState({ status: 'connecting' });
      try {
        const chainInfo = await loadInfo();
        if (!chainInfo.plaza) {
          // Asked by a click: say why; on sign-in or page load there is simply nothing to do.
          setState(
            prompt
              ? {
                  status: 'failed',
                  message: 'This coordinator runs without a chain: there is nothing to connect to.',
                }
              : { status: 'idle' },
          );
          return;
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
          setState({ status: 'idle' });
          return;
        }
        writeJson(storage, WALLET_KEY, 'connected');
        setState(
          result.kind === 'connected'
            ? { status: 'connected', chain: result.chain }
            : {
                status: 'wrong-chain',
                account: result.account,
                walletChainId: result.walletChainId,
              },
        );
      } catch (error) {
        setState({ status: 'failed', message: formatError(error) });
      }
    },
    [props.provider, choice?.provider, loadInfo, storage],
  );

  const start = useCallback(() => {
    if (started.current) return;
    started.current = true;
    loadInfo().catch(() => undefined);
    if (readJson(storage, WALLET_KEY, rememberedSchema)) void connectWith(false);
  }, [loadInfo, storage, connectWith]);

  // Another account or chain in the wallet: look again, without asking.
  const watching = state.status === 'connected' || state.status === 'wrong-chain';
  useEffect(() => {
    if (!watching || !provider?.on) return;
    const changed = () => void connectWith(false);
    provider.on('accountsChanged', changed);
    provider.on('chainChanged', changed);
    return () => {
      provider.removeListener?.('accountsChanged', changed);
      provider.removeListener?.('chainChanged', changed);
    };
  }, [watching, provider, connectWith]);

  // Wallets announce themselves after the first render (EIP-6963): once the chosen one is known,
  // reconnect it if this browser was connected, or is signed in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the wallet appears.
  useEffect(() => {
    if (!provider || !started.current) return;
    if (signedIn || readJson(storage, WALLET_KEY, rememberedSchema)) void connectWith(false);
  }, [provider]);

  // Signing in connects the wallet (one step); signing out forgets it.
  const lastSignedIn = useRef(signedIn);
  useEffect(() => {
    const before = lastSignedIn.current;
    lastSignedIn.current = signedIn;
    if (signedIn && signedIn !== before) {
      started.current = true;
      void connectWith(false);
    } else if (!signedIn && before) {
      removeKey(storage, WALLET_KEY);
      setState({ status: 'idle' });
    }
  }, [signedIn, connectWith, storage]);

  const connect = useCallback(async () => {
    // Several wallets and none chosen: the picker asks which one first.
    const given = provider ?? (requestProvider ? await requestProvider() : null);
    if (!given && requestProvider && (choice?.wallets.length ?? 0) > 0) return;
    await connectWith(true, given);
  }, [provider, requestProvider, choice?.wallets.length, connectWith]);

  const switchChain = useCallback(async () => {
    if (!provider) return;
    try {
      const chainInfo = await loadInfo();
      const { switchWalletChain } = await import('./connect-plaza-chain.ts');
      // A wallet that does not know the chain is asked to add it (name and RPC URL from the coordinator).
      await switchWalletChain(provider, chainInfo.chainId, chainInfo);
      await connectWith(false);
    } catch (error) {
      setState({ status: 'failed', message: formatError(error) });
    }
  }, [provider, loadInfo, connectWith]);

  const disconnect = useCallback(() => {
    removeKey(storage, WALLET_KEY);
    setState({ status: 'idle' });
  }, [storage]);

  const value: WalletValue = {
    api,
    hasWallet: provider !== null || (choice?.wallets.length ?? 0) > 0,
    info,
    infoError,
    state,
    chain: state.status === 'connected' ? state.chain : null,
    start,
    connect,
    switchChain,
    disconnect,
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
