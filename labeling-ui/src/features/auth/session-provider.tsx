import { type CoordinatorClient, createCoordinatorClient } from '@plaza/protocol';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Outbox } from '../../lib/outbox.ts';
import {
  clearSession,
  loadAdminKey,
  loadSession,
  type StoredSession,
  saveAdminKey,
} from '../../lib/session-storage.ts';
import type { KeyValueStorage } from '../../lib/storage.ts';
import type { EthereumProvider } from './ethereum-provider.ts';
import { useSessionCheck, useSessionOutbox } from './use-session-effects.ts';
import { useSignIn } from './use-sign-in.ts';

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
  const [message, setMessage] = useState<string | null>(null);
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

  useSessionCheck(client, token, storage, setSession, endSession);
  const outbox = useSessionOutbox(session?.address ?? null, client, storage, endSession);
  const { signingIn, signIn } = useSignIn({
    client,
    storage,
    provider: props.provider,
    setSession,
    setMessage,
  });

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
