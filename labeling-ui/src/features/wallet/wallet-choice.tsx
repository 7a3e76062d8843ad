import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { z } from 'zod';
import { type KeyValueStorage, readJson, removeKey, writeJson } from '../../lib/storage.ts';
import { type EthereumProvider, getInjectedProvider } from '../auth/ethereum-provider.ts';
import {
  createWalletDiscovery,
  type DiscoveredWallet,
  listWallets,
  type WalletDiscovery,
} from './discover-wallets.ts';

/** Where `localStorage` remembers which wallet this browser chose (its rdns, or its id). */
export const WALLET_CHOICE_KEY = 'plaza:wallet-choice';

/** The browser's wallets and the one Plaza uses. */
export interface WalletChoiceValue {
  wallets: readonly DiscoveredWallet[];
  /** The chosen wallet: the remembered one, or the only one. */
  chosen: DiscoveredWallet | null;
  /** The chosen wallet's provider, or null. */
  provider: EthereumProvider | null;
  /** The picker is open: several wallets and none chosen yet. */
  picking: boolean;
  /**
   * The wallet to use now: the chosen one, or (several installed, none chosen) the one the user
   * picks in the picker; null when there is no wallet or the user closed the picker.
   */
  requestProvider: () => Promise<EthereumProvider | null>;
  choose: (id: string) => void;
  cancelPick: () => void;
  /** Forgets the choice (the picker shows again next time). */
  forget: () => void;
}

const WalletChoiceContext = createContext<WalletChoiceValue | null>(null);
const choiceSchema = z.string().min(1).max(200);

/** Props of {@link WalletChoiceProvider}. */
export interface WalletChoiceProviderProps {
  children: ReactNode;
  /** @default EIP-6963 discovery with `mipd` */
  discovery?: WalletDiscovery;
  /** @default window.ethereum */
  injected?: EthereumProvider | null;
  /** @default window.localStorage */
  storage?: KeyValueStorage;
}

/**
 * Finds the browser's wallets (EIP-6963 announcements, else `window.ethereum`) and holds the one
 * Plaza uses: with one wallet it is used; with several the user picks once and the choice is
 * remembered by its rdns.
 */
export function WalletChoiceProvider(props: WalletChoiceProviderProps) {
  const { children } = props;
  const storage = props.storage ?? window.localStorage;
  const injected = props.injected === undefined ? getInjectedProvider() : props.injected;
  const [announced, setAnnounced] = useState<ReturnType<WalletDiscovery['announced']>>([]);
  const [remembered, setRemembered] = useState(() =>
    readJson(storage, WALLET_CHOICE_KEY, choiceSchema),
  );
  const [picking, setPicking] = useState(false);
  const waiting = useRef<((provider: EthereumProvider | null) => void)[]>([]);

  // Discovery lives in the effect: StrictMode's second mount starts a fresh one (it asks the
  // wallets to announce themselves again), never a destroyed one.
  const given = props.discovery;
  useEffect(() => {
    const discovery = given ?? createWalletDiscovery();
    setAnnounced(discovery.announced());
    const unsubscribe = discovery.subscribe(() => setAnnounced(discovery.announced()));
    return () => {
      unsubscribe();
      if (!given) discovery.destroy();
    };
  }, [given]);

  const wallets = useMemo(() => listWallets(announced, injected), [announced, injected]);
  const chosen =
    wallets.find((wallet) => remembered !== null && (wallet.rdns ?? wallet.id) === remembered) ??
    (wallets.length === 1 ? (wallets[0] ?? null) : null);

  const settle = useCallback((provider: EthereumProvider | null) => {
    setPicking(false);
    const resolvers = waiting.current;
    waiting.current = [];
    for (const resolve of resolvers) resolve(provider);
  }, []);

  const choose = useCallback(
    (id: string) => {
      const wallet = wallets.find((candidate) => candidate.id === id);
      if (!wallet) return;
      const key = wallet.rdns ?? wallet.id;
      writeJson(storage, WALLET_CHOICE_KEY, key);
      setRemembered(key);
      settle(wallet.provider);
    },
    [wallets, storage, settle],
  );

  const requestProvider = useCallback((): Promise<EthereumProvider | null> => {
    if (chosen) return Promise.resolve(chosen.provider);
    if (wallets.length === 0) return Promise.resolve(null);
    setPicking(true);
    return new Promise((resolve) => waiting.current.push(resolve));
  }, [chosen, wallets.length]);

  const forget = useCallback(() => {
    removeKey(storage, WALLET_CHOICE_KEY);
    setRemembered(null);
  }, [storage]);

  const value: WalletChoiceValue = {
    wallets,
    chosen,
    provider: chosen?.provider ?? null,
    picking,
    requestProvider,
    choose,
    cancelPick: () => settle(null),
    forget,
  };
  return <WalletChoiceContext.Provider value={value}>{children}</WalletChoiceContext.Provider>;
}

/** The wallets of the {@link WalletChoiceProvider} above. */
export function useWalletChoice(): WalletChoiceValue {
  const value = useContext(WalletChoiceContext);
  if (!value) throw new Error('useWalletChoice() needs a <WalletChoiceProvider> above it.');
  return value;
}

/** The wallets, or null outside a {@link WalletChoiceProvider} (components tested alone). */
export function useOptionalWalletChoice(): WalletChoiceValue | null {
  return useContext(WalletChoiceContext);
}
