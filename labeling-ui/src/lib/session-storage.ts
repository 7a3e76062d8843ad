import { roleSchema } from '@plaza/protocol';
import { z } from 'zod';
import { type KeyValueStorage, readJson, removeKey, writeJson } from './storage.ts';

/** Where the session lives in `localStorage`. */
export const SESSION_KEY = 'plaza:session';

/** Where the operator's admin key lives in `sessionStorage` (never in `localStorage`). */
export const ADMIN_KEY_KEY = 'plaza:admin-key';

const storedSessionSchema = z.object({
  token: z.string().min(1),
  address: z.string().regex(/^0x[0-9a-f]{40}$/),
  roles: z.array(roleSchema),
  expiresAt: z.string(),
});

/** A signed-in account as the app keeps it. */
export type StoredSession = z.output<typeof storedSessionSchema>;

/** Reads the stored session; an expired or unreadable one reads as null. */
export function loadSession(storage: KeyValueStorage, nowMs = Date.now()): StoredSession | null {
  const session = readJson(storage, SESSION_KEY, storedSessionSchema);
  if (!session) return null;
  const expires = Date.parse(session.expiresAt);
  return Number.isFinite(expires) && expires <= nowMs ? null : session;
}

/** Stores the session (its token is a bearer credential for this origin only). */
export function saveSession(storage: KeyValueStorage, session: StoredSession): void {
  writeJson(storage, SESSION_KEY, session);
}

/** Forgets the session. */
export function clearSession(storage: KeyValueStorage): void {
  removeKey(storage, SESSION_KEY);
}

/** Reads the admin key typed in this tab, if any. */
export function loadAdminKey(storage: KeyValueStorage): string | null {
  try {
    const key = storage.getItem(ADMIN_KEY_KEY);
    return key ? key : null;
  } catch {
    return null;
  }
}

/** Stores or (with null) forgets the admin key. */
export function saveAdminKey(storage: KeyValueStorage, key: string | null): void {
  if (key === null) {
    removeKey(storage, ADMIN_KEY_KEY);
    return;
  }
  try {
    storage.setItem(ADMIN_KEY_KEY, key);
  } catch {
    // Kept in memory only for this page then.
  }
}
