/**
 * The slice of `browser.storage.local` the extension uses. Modules take this interface rather than
 * the browser global, so they run unchanged in unit tests ({@link createMemoryStore}).
 */
export interface KeyValueStore {
  /** The stored value of `key`, or `undefined` when none. Values are JSON-shaped and unvalidated. */
  get(key: string): Promise<unknown>;
  /** Writes every key of `values` at once. */
  set(values: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A {@link KeyValueStore} over an extension storage area (`browser.storage.local`). */
export function createStorageAreaStore(area: {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}): KeyValueStore {
  return {
    get: async (key) => (await area.get(key))[key],
    set: (values) => area.set(values),
    remove: (key) => area.remove(key),
  };
}

/** An in-memory {@link KeyValueStore} that copies values in and out, as storage does. */
export function createMemoryStore(initial: Record<string, unknown> = {}): KeyValueStore & {
  dump(): Record<string, unknown>;
} {
  const data = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  return {
    get: async (key) => structuredClone(data.get(key)),
    set: async (values) => {
      for (const [key, value] of Object.entries(values)) data.set(key, structuredClone(value));
    },
    remove: async (key) => {
      data.delete(key);
    },
    dump: () => structuredClone(Object.fromEntries(data)),
  };
}
