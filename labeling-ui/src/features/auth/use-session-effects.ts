import type { CoordinatorClient } from '@plaza/protocol';
import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';
import { isSessionError } from '../../lib/describe-error.ts';
import { createOutbox, type Outbox } from '../../lib/outbox.ts';
import { type StoredSession, saveSession } from '../../lib/session-storage.ts';
import type { KeyValueStorage } from '../../lib/storage.ts';

/**
 * Checks a stored token once per token (`GET /v1/auth/session`): roles may have changed, or the
 * session may be gone (then `endSession`); offline or a server error keeps it.
 */
export function useSessionCheck(
  client: Pick<CoordinatorClient, 'session'>,
  token: string | null,
  storage: KeyValueStorage,
  setSession: Dispatch<SetStateAction<StoredSession | null>>,
  endSession: () => void,
): void {
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
  }, [client, token, storage, setSession, endSession]);
}

/**
 * The signed-in account's label outbox: sends what it holds at once and whenever the browser is
 * back online; an auth failure ends the session (the labels are kept).
 */
export function useSessionOutbox(
  address: string | null,
  client: Pick<CoordinatorClient, 'submitLabels'>,
  storage: KeyValueStorage,
  endSession: () => void,
): Outbox | null {
  const [outbox, setOutbox] = useState<Outbox | null>(null);
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
  return outbox;
}
