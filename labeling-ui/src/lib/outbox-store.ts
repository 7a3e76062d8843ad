import type { CoordinatorError } from '@plaza/protocol';
import {
  loadOutboxEntries,
  type OutboxEntry,
  type OutboxLabel,
  type SubmitLabelResult,
} from './outbox-entry.ts';
import { type KeyValueStorage, writeJson } from './storage.ts';

/** What happened to a label, for the UI. */
export type OutboxEvent =
  /** The server stored it (or had it already); blind tasks reveal their pre-label here. */
  | { type: 'result'; label: OutboxLabel; result: SubmitLabelResult }
  /** The server refused it for good; it has left the outbox. */
  | { type: 'rejected'; label: OutboxLabel; error: CoordinatorError }
  /** The session is no longer valid: sending stops, labels stay for the next sign-in. */
  | { type: 'auth-failed'; error: CoordinatorError };

/** What {@link createOutboxStore} needs. */
export interface OutboxStoreParams {
  storage: KeyValueStorage;
  key: string;
  now: () => number;
  random: () => number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The outbox's entries as persisted, its listeners, and whether sending is paused or over. */
export interface OutboxStore {
  /** The entries, oldest first; replaced (never changed in place) by {@link OutboxStore.commit}. */
  entries: readonly OutboxEntry[];
  /** Sending waits for a new sign-in. */
  paused: boolean;
  /** The outbox was disposed of. */
  disposed: boolean;
  readonly listeners: Set<() => void>;
  readonly eventListeners: Set<(event: OutboxEvent) => void>;
  /** Item ids with a label waiting (computed once per change). */
  pendingItemIds(): ReadonlySet<number>;
  /** Replaces the entries, persists them and tells the listeners. */
  commit(next: readonly OutboxEntry[]): void;
  emit(event: OutboxEvent): void;
  /** Removes the entry of `sent` unless it has been replaced by a newer revision meanwhile. */
  settle(sent: OutboxLabel): void;
  /** Puts the entries of `sent` off with exponential backoff and jitter. */
  backOff(sent: readonly OutboxLabel[]): void;
}

/** The outbox's persisted entries (loaded from `storage`) and its listeners. */
export function createOutboxStore(params: OutboxStoreParams): OutboxStore {
  const { storage, key, now, random, baseDelayMs, maxDelayMs } = params;
  let pendingIds: ReadonlySet<number> | null = null;
  const store: OutboxStore = {
    entries: loadOutboxEntries(storage, key, now()),
    paused: false,
    disposed: false,
    listeners: new Set(),
    eventListeners: new Set(),
    pendingItemIds() {
      pendingIds ??= new Set(store.entries.map((entry) => entry.label.itemId));
      return pendingIds;
    },
    commit(next) {
      store.entries = next;
      pendingIds = null;
      writeJson(storage, key, { version: 1, entries: next });
      for (const listener of store.listeners) listener();
    },
    emit(event) {
      for (const listener of store.eventListeners) listener(event);
    },
    settle(sent) {
      store.commit(
        store.entries.filter(
          (entry) => entry.label.clientId !== sent.clientId || entry.label.revision > sent.revision,
        ),
      );
    },
    backOff(sent) {
      const at = now();
      store.commit(
        store.entries.map((entry) => {
          const match = sent.find((label) => label.clientId === entry.label.clientId);
          if (!match || match.revision !== entry.label.revision) return entry;
          const attempts = entry.attempts + 1;
          const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1));
          return { ...entry, attempts, nextAttemptAt: at + delay * (0.5 + random() / 2) };
        }),
      );
    },
  };
  return store;
}
