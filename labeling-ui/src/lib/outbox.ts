import type { SubmitLabelsResponse } from '@plaza/protocol';
import type { OutboxEntry, OutboxLabel } from './outbox-entry.ts';
import { sendBatch } from './outbox-send.ts';
import { createOutboxStore, type OutboxEvent, type OutboxStore } from './outbox-store.ts';
import type { KeyValueStorage } from './storage.ts';

export type { OutboxEntry, OutboxLabel, SubmitLabelResult } from './outbox-entry.ts';

export type { OutboxEvent } from './outbox-store.ts';

/** Dependencies and tuning of {@link createOutbox}. */
export interface OutboxOptions {
  /** Where entries persist (`localStorage` in the app). */
  storage: KeyValueStorage;
  /** Storage key; one outbox per account. */
  key: string;
  /** Sends one batch (the client's `submitLabels`). */
  send: (labels: OutboxLabel[]) => Promise<SubmitLabelsResponse>;
  /** @default Date.now */
  now?: () => number;
  /** Runs `fn` after `ms`; returns a cancel function. @default setTimeout */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** Jitter source in [0, 1). @default Math.random */
  random?: () => number;
  /** First retry delay; it doubles with each failure. @default 1000 */
  baseDelayMs?: number;
  /** Longest retry delay. @default 60000 */
  maxDelayMs?: number;
  /** Wait after an enqueue so that labels given in quick succession go in one request. @default 25 */
  batchDelayMs?: number;
  /** Labels per request (protocol bound). @default 50 */
  maxBatch?: number;
}

/** A persisted queue of labels sent in the background. */
export interface Outbox {
  /** The entries, oldest first; a new array after every change (a `useSyncExternalStore` snapshot). */
  entries(): readonly OutboxEntry[];
  /** Item ids with a label waiting. */
  pendingItemIds(): ReadonlySet<number>;
  /** Adds a label; a label with the same `clientId` and a lower or equal revision is replaced. */
  enqueue(label: OutboxLabel): void;
  /** Sends what is due now; resolves once this round is over (entries may remain for a retry). */
  flush(): Promise<void>;
  /** Makes every entry due now and flushes (the network came back). */
  retryNow(): Promise<void>;
  /** Called after every change of {@link Outbox.entries}. */
  subscribe(listener: () => void): () => void;
  /** Called with results, refusals and auth failures. */
  onEvent(listener: (event: OutboxEvent) => void): () => void;
  /** Stops timers and listeners. */
  dispose(): void;
}

/** Sends what is due, one batch after another, and sets a timer for the next retry. */
function createFlusher(
  store: OutboxStore,
  params: Pick<OutboxOptions, 'send'> & {
    now: () => number;
    schedule: (fn: () => void, ms: number) => () => void;
    maxBatch: number;
  },
): { flush: () => Promise<void>; cancel: () => void } {
  const { send, now, schedule, maxBatch } = params;
  let running: Promise<void> | null = null;
  let again = false;
  let cancelRetry: (() => void) | null = null;

  async function drain(): Promise<void> {
    while (!store.paused && !store.disposed) {
      const at = now();
      const due = store.entries.filter((entry) => entry.nextAttemptAt <= at).slice(0, maxBatch);
      if (due.length === 0) return;
      if (
        (await sendBatch(
          store,
          send,
          due.map((entry) => entry.label),
        )) === 'stop'
      )
        return;
    }
  }

  function scheduleRetry(): void {
    cancelRetry?.();
    cancelRetry = null;
    if (store.paused || store.disposed || store.entries.length === 0) return;
    const earliest = Math.min(...store.entries.map((entry) => entry.nextAttemptAt));
    cancelRetry = schedule(
      () => {
        cancelRetry = null;
        void flush();
      },
      Math.max(0, earliest - now()),
    );
  }

  function flush(): Promise<void> {
    if (store.disposed || store.paused) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again && !store.paused && !store.disposed);
      } finally {
        running = null;
        scheduleRetry();
      }
    })();
    return running;
  }

  return { flush, cancel: () => cancelRetry?.() };
}

/**
 * Creates the label outbox: labels persist at once, go out in batches in the background, retry with
 * exponential backoff while the failure is retryable, and leave when the server has answered for
 * them. A label the server refuses for good (a `rejected` result, or a non-retryable error of a
 * request holding only that label) is dropped and reported; an auth failure pauses sending and
 * keeps everything.
 *
 * @example
 * const outbox = createOutbox({ storage: localStorage, key: `plaza:outbox:${address}`,
 *   send: (labels) => client.submitLabels({ labels }) });
 * outbox.enqueue({ clientId: crypto.randomUUID(), revision: 0, itemId, value, durationMs, prelabelShown });
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? defaultSchedule;
  const batchDelayMs = options.batchDelayMs ?? 25;
  const store = createOutboxStore({
    storage: options.storage,
    key: options.key,
    now,
    random: options.random ?? Math.random,
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 60_000,
  });
  const { flush, cancel: cancelRetry } = createFlusher(store, {
    send: options.send,
    now,
    schedule,
    maxBatch: options.maxBatch ?? 50,
  });
  let cancelSoon: (() => void) | null = null;

  return {
    entries: () => store.entries,
    pendingItemIds: () => store.pendingItemIds(),
    enqueue(label) {
      if (store.disposed) return;
      const { entries } = store;
      const existing = entries.find((entry) => entry.label.clientId === label.clientId);
      if (existing && existing.label.revision >= label.revision) return;
      const entry: OutboxEntry = { label, attempts: 0, nextAttemptAt: now() };
      store.commit(
        existing
          ? entries.map((other) => (other === existing ? entry : other))
          : [...entries, entry],
      );
      if (!cancelSoon) {
        cancelSoon = schedule(() => {
          cancelSoon = null;
          void flush();
        }, batchDelayMs);
      }
    },
    flush,
    retryNow() {
      const at = now();
      store.commit(
        store.entries.map((entry) => ({
          ...entry,
          nextAttemptAt: Math.min(entry.nextAttemptAt, at),
        })),
      );
      return flush();
    },
    subscribe(listener) {
      store.listeners.add(listener);
      return () => store.listeners.delete(listener);
    },
    onEvent(listener) {
      store.eventListeners.add(listener);
      return () => store.eventListeners.delete(listener);
    },
    dispose() {
      store.disposed = true;
      cancelSoon?.();
      cancelRetry();
      store.listeners.clear();
      store.eventListeners.clear();
    },
  };
}

function defaultSchedule(fn: () => void, ms: number): () => void {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
}
