import type { z } from 'zod';

/** The part of the Web Storage API the app uses, so tests can pass an in-memory store. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Reads a JSON value and parses it with `schema`; anything missing, unparsable or invalid reads as
 * `null` (storage is an edge: another version of the app, or the user, may have written it).
 */
export function readJson<S extends z.ZodType>(
  storage: KeyValueStorage,
  key: string,
  schema: S,
): z.output<S> | null {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return null;
  }
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Writes a JSON value; returns false when the store refuses it (quota, private mode). */
export function writeJson(storage: KeyValueStorage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Removes a key, ignoring a store that refuses. */
export function removeKey(storage: KeyValueStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to do: the value is unreadable to us anyway.
  }
}

/** An in-memory {@link KeyValueStorage}, for tests and for browsers without Web Storage. */
export function createMemoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, value);
    },
    removeItem: (key) => {
      values.delete(key);
    },
  };
}
