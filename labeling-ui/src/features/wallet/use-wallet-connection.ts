import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { formatError } from '../../lib/describe-error.ts';
import type { ChainInfo } from '../../lib/governance-schemas.ts';
import { type KeyValueStorage, readJson, removeKey } from '../../lib/storage.ts';
import { type EthereumProvider, getInjectedProvider } from '../auth/ethereum-provider.ts';
import { WalletMissingError } from '../auth/wallet-errors.ts';
import { resolveWalletConnection, WALLET_KEY } from './resolve-wallet-connection.ts';
import type { WalletChoiceValue } from './wallet-choice.tsx';
import type { WalletState } from './wallet-provider.tsx';

const rememberedSchema = z.literal('connected');

/** What {@link useWalletConnection} needs. */
export interface UseWalletConnectionParams {
  /** The provider the app was given (tests), if any. */
  givenProvider: EthereumProvider | null | undefined;
  /** The provider in use: given, chosen in the picker, or injected. */
  provider: EthereumProvider | null;
  choice: WalletChoiceValue | null;
  storage: KeyValueStorage;
  /** The signed-in account, if any. */
  signedIn: string | null;
  loadInfo: () => Promise<ChainInfo>;
}

/**
 * The wallet connection: connect (asking the user) or reconnect (without asking), switch the
 * wallet's chain, disconnect; follows the wallet's account and chain, and the sign-in.
 */
export function useWalletConnection(params: UseWalletConnectionParams) {
  const { givenProvider, provider, choice, storage, signedIn, loadInfo } = params;
  const [state, setState] = useState<WalletState>({ status: 'idle' });
  const started = useRef(false);

  const connectWith = useCallback(
    async (prompt: boolean, given?: EthereumProvider | null): Promise<void> => {
      const provider = given ?? givenProvider ?? choice?.provider ?? getInjectedProvider();
      if (!provider) {
        if (prompt) setState({ status: 'failed', message: formatError(new WalletMissingError()) });
        return;
      }
      if (prompt) setState({ status: 'connecting' });
      setState(await resolveWalletConnection({ provider, prompt, loadInfo, storage }));
    },
    [givenProvider, choice?.provider, loadInfo, storage],
  );

  const start = useCallback(() => {
    if (started.current) return;
    started.current = true;
    loadInfo().catch(() => undefined);
    if (readJson(storage, WALLET_KEY, rememberedSchema)) void connectWith(false);
  }, [loadInfo, storage, connectWith]);

  const watching = state.status === 'connected' || state.status === 'wrong-chain';
  useWalletReconnects({ watching, provider, started, signedIn, storage, connectWith, setState });

  const requestProvider = choice?.requestProvider;
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

  return { state, setState, start, connect, switchChain, disconnect };
}

interface WalletReconnectsParams {
  /** A wallet is connected (on any chain): its account and chain are followed. */
  watching: boolean;
  provider: EthereumProvider | null;
  started: { current: boolean };
  signedIn: string | null;
  storage: KeyValueStorage;
  connectWith: (prompt: boolean) => Promise<void>;
  setState: (state: WalletState) => void;
}

/** Reconnects without asking when the wallet changes, when it appears, and on sign-in. */
function useWalletReconnects(params: WalletReconnectsParams): void {
  const { watching, provider, started, signedIn, storage, connectWith, setState } = params;

  // Another account or chain in the wallet: look again, without asking.
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
  }, [signedIn, connectWith, storage, started, setState]);
}
