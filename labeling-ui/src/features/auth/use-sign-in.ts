import type { CoordinatorClient } from '@plaza/protocol';
import { type Dispatch, type SetStateAction, useCallback, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { type StoredSession, saveSession } from '../../lib/session-storage.ts';
import type { KeyValueStorage } from '../../lib/storage.ts';
import { useOptionalWalletChoice } from '../wallet/wallet-choice.tsx';
import { type EthereumProvider, getInjectedProvider } from './ethereum-provider.ts';

/** What {@link useSignIn} needs. */
export interface UseSignInParams {
  client: CoordinatorClient;
  storage: KeyValueStorage;
  /** The provider the app was given (tests), if any. */
  provider: EthereumProvider | null | undefined;
  setSession: Dispatch<SetStateAction<StoredSession | null>>;
  setMessage: Dispatch<SetStateAction<string | null>>;
}

/**
 * Sign-in with Ethereum through the wallet the user chose (a picker when several are installed),
 * else `window.ethereum`; the session is stored, a failure said in the message.
 */
export function useSignIn(params: UseSignInParams) {
  const { client, storage, provider: givenProvider, setSession, setMessage } = params;
  const [signingIn, setSigningIn] = useState(false);
  const choice = useOptionalWalletChoice();
  const requestProvider = choice?.requestProvider;
  const hasWallets = (choice?.wallets.length ?? 0) > 0;
  const forgetWallet = choice?.forget;
  const signIn = useCallback(async () => {
    setSigningIn(true);
    setMessage(null);
    try {
      // The wallet the user chose (a picker when several are installed), else window.ethereum.
      const provider =
        givenProvider !== undefined
          ? givenProvider
          : requestProvider
            ? await requestProvider()
            : getInjectedProvider();
      // Wallets exist but the picker was closed: nothing to report.
      if (!provider && hasWallets) return;
      // The wallet code (viem's wallet client, SIWE) loads only when someone signs in.
      const { signInWithEthereum } = await import('./sign-in-with-ethereum.ts');
      const answer = await signInWithEthereum({
        provider,
        client,
        origin: window.location.origin,
      });
      const next: StoredSession = {
        token: answer.token,
        address: answer.address,
        roles: answer.roles,
        expiresAt: answer.expiresAt,
      };
      saveSession(storage, next);
      setSession(next);
    } catch (error) {
      // The chosen wallet failed or was refused: offer the choice again next time.
      forgetWallet?.();
      setMessage(`Sign-in failed: ${formatError(error)}`);
    } finally {
      setSigningIn(false);
    }
  }, [
    client,
    storage,
    givenProvider,
    requestProvider,
    hasWallets,
    forgetWallet,
    setSession,
    setMessage,
  ]);
  return { signingIn, signIn };
}
