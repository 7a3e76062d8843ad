import { type CoordinatorClient, createCoordinatorClient } from '@plaza/protocol';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { formatError, isSessionError } from '../../lib/describe-error.ts';
import { createOutbox, type Outbox } from '../../lib/outbox.ts';
import {
  clearSession,
  loadAdminKey,
  loadSession,
  type StoredSession,
  saveAdminKey,
  saveSession,
} from '../../lib/session-storage.ts';
import type { KeyValueStorage } from '../../lib/storage.ts';
import { useOptionalWalletChoice } from '../wallet/wallet-choice.tsx';
import { type EthereumProvider, getInjectedProvider } from './ethereum-provider.ts';

/** What the pages get from the session: clients, the account, the outbox, sign in and out. */
export interface SessionValue {
  /** The signed-in account, or null. */
  session: StoredSession | null;
  /** A client carrying the session token (when signed in). */
  client: CoordinatorClient;
  /** A client for admin routes: the typed admin key, else the session token. */
  adminClient: CoordinatorClient;
  /** The admin key typed in this tab. */
  adminKey: string | null;
  /** The signed-in account's label outbox. */
  outbox: Outbox | null;
  /** Admin session or an admin key. */
  canAdminister: boolean;
  /** Reviewer or admin session, or an admin key. */
  canReview: boolean;
  signingIn: boolean;
  /** Why the last sign-in failed, or why the session ended. */
  message: string | null;
  signIn: () => Promise<void>;
  signOut: () => Promise<void>;
  /** The user moved on: the last sign-in failure no longer applies. */
  clearMessage: () => void;
  /** The coordinator refused the token: forget it (labels in the outbox are kept). */
  endSession: (reason?: string) => void;
  setAdminKey: (key: string | null) => void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Props of {@link SessionProvider}. */
export interface SessionProviderProps {
  /** The coordinator's origin (the app's own). */
  baseUrl: string;
  children: ReactNode;
  /** @default window.localStorage */
  storage?: KeyValueStorage;
  /** @default window.sessionStorage */
  tabStorage?: KeyValueStorage;
  /** @default window.ethereum */
  provider?: EthereumProvider | null;
}

/**
 * Holds the session: the token in `localStorage` (checked with `GET /v1/auth/session` on load),
 * the admin key in `sessionStorage`, the clients made from them, and the account's outbox.
 */
export function SessionProvider(props: SessionProviderProps) {
  const { baseUrl, children } = props;
  const storage = props.storage ?? window.localStorage;
  const tabStorage = props.tabStorage ?? window.sessionStorage;
  const [session, setSession] = useState(() => loadSession(storage));
  const [adminKey, setAdminKeyState] = useState(() => loadAdminKey(tabStorage));
  const [signingIn, setSigningIn] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<Outbox | null>(null);
  const token = session?.token ?? null;

  const client = useMemo(
    () => createCoordinatorClient({ baseUrl, ...(token ? { sessionToken: token } : {}) }),
    [baseUrl, token],
  );
  const adminClient = useMemo(
    () =>
      createCoordinatorClient({
        baseUrl,
        ...(token ? { sessionToken: token } : {}),
        ...(adminKey ? { adminKey } : {}),
      }),
    [baseUrl, token, adminKey],
  );

  const endSession = useCallback(
    (reason = 'Your session has ended. Sign in again; unsent labels are kept.') => {
      clearSession(storage);
      setSession(null);
      setMessage(reason);
    },
    [storage],
  );

  // Check a stored token once per token: roles may have changed, or the session may be gone.
  useEffect(() => {
    if (!token) return;
    let alive = true;
    client.session().then(
      (fresh) => {
        if (!alive) return;
        setSession((current) => {
          if (!current || current.token !== token) return current;
          const next = { ...current, roles: fresh.roles, expiresAt: fresh.expiresAt };
          saveSession(storage, next);
          return next;
        });
      },
      (error: unknown) => {
        // Offline or a server error: keep the session and let the pages retry.
        if (alive && isSessionError(error)) endSession();
      },
    );
    return () => {
      alive = false;
    };
  }, [client, token, storage, endSession]);

  const address = session?.address ?? null;
  useEffect(() => {
    if (!address) {
      setOutbox(null);
      return;
    }
    const created = createOutbox({
      storage,
      key: `plaza:outbox:${address}`,
      send: (labels) => client.submitLabels({ labels }),
    });
    const stop = created.onEvent((event) => {
      if (event.type === 'auth-failed') endSession();
    });
    const retry = () => void created.retryNow();
    window.addEventListener('online', retry);
    setOutbox(created);
    void created.flush();
    return () => {
      window.removeEventListener('online', retry);
      stop();
      created.dispose();
    };
  }, [address, client, storage, endSession]);

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
        props.provider !== undefined
          ? props.provider
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
  }, [client, storage, props.provider, requestProvider, hasWallets, forgetWallet]);

  const signOut = useCallback(async () => {
    // Forget locally first: signing out must work offline too.
    const current = client;
    clearSession(storage);
    setSession(null);
    setMessage(null);
    await current.signOut().catch(() => undefined);
  }, [client, storage]);

  const setAdminKey = useCallback(
    (key: string | null) => {
      const value = key?.trim() ? key.trim() : null;
      saveAdminKey(tabStorage, value);
      setAdminKeyState(value);
    },
    [tabStorage],
  );

  const roles = session?.roles ?? [];
  const value: SessionValue = {
    session,
    client,
    adminClient,
    adminKey,
    outbox,
    canAdminister: roles.includes('admin') || adminKey !== null,
    canReview: roles.includes('reviewer') || roles.includes('admin') || adminKey !== null,
    signingIn,
    message,
    signIn,
    signOut,
    clearMessage: () => setMessage(null),
    endSession,
    setAdminKey,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session, or null outside a {@link SessionProvider} (components tested alone). */
export function useOptionalSession(): SessionValue | null {
  return useContext(SessionContext);
}

/** The session of the {@link SessionProvider} above. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() needs a <SessionProvider> above it.');
  return value;
}
