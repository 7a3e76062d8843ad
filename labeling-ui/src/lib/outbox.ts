import type { CoordinatorError, SubmitLabelsResponse } from '@plaza/protocol';
import {
  loadOutboxEntries,
  type OutboxEntry,
  type OutboxLabel,
  type SubmitLabelResult,
} from './outbox-entry.ts';
import { asCoordinatorError, isAuthFailure, isRetryable, rejectionError } from './outbox-errors.ts';
import { type KeyValueStorage, writeJson } from './storage.ts';

export type { OutboxEntry, OutboxLabel, SubmitLabelResult } from './outbox-entry.ts';

/** What happened to a label, for the UI. */
export type OutboxEvent =
  /** The server stored it (or had it already); blind tasks reveal their pre-label here. */
  | { type: 'result'; label: OutboxLabel; result: SubmitLabelResult }
  /** The server refused it for good; it has left the outbox. */
  | { type: 'rejected'; label: OutboxLabel; error: CoordinatorError }
  /** The session is no longer valid: sending stops, labels stay for the next sign-in. */
  | { type: 'auth-failed'; error: CoordinatorError };

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

type SendOutcome = 'continue' | 'stop';

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
  const random = options.random ?? Math.random;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const batchDelayMs = options.batchDelayMs ?? 25;
  const maxBatch = options.maxBatch ?? 50;

  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: OutboxEvent) => void>();
  let entries: readonly OutboxEntry[] = loadOutboxEntries(options.storage, options.key, now());
  let pendingIds: ReadonlySet<number> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let paused = false;
  let disposed = false;
  let cancelSoon: (() => void) | null = null;
  let cancelRetry: (() => void) | null = null;

  function commit(next: readonly OutboxEntry[]): void {
    entries = next;
    pendingIds = null;
    writeJson(options.storage, options.key, { version: 1, entries });
    for (const listener of listeners) listener();
  }

  function emit(event: OutboxEvent): void {
    for (const listener of eventListeners) listener(event);
  }

  /** Removes the entry of `sent` unless it has been replaced by a newer revision meanwhile. */
  function settle(sent: OutboxLabel): void {
    commit(
      entries.filter(
        (entry) => entry.label.clientId !== sent.clientId || entry.label.revision > sent.revision,
      ),
    );
  }

  function backOff(sent: readonly OutboxLabel[]): void {
    const at = now();
    commit(
      entries.map((entry) => {
        const match = sent.find((label) => label.clientId === entry.label.clientId);
        if (!match || match.revision !== entry.label.revision) return entry;
        const attempts = entry.attempts + 1;
        const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1));
        return { ...entry, attempts, nextAttemptAt: at + delay * (0.5 + random() / 2) };
      }),
    );
  }

  async function sendBatch(batch: readonly OutboxLabel[]): Promise<SendOutcome> {
    let response: SubmitLabelsResponse;
    try {
      response = await options.send([...batch]);
    } catch (cause) {
      if (disposed) return 'stop';
      const error = asCoordinatorError(cause);
      if (isAuthFailure(error)) {
        paused = true;
        emit({ type: 'auth-failed', error });
        return 'stop';
      }
      if (isRetryable(error)) {
        backOff(batch);
        return 'stop';
      }
      if (batch.length > 1) {
        // One bad label fails the whole request: send them one by one to find it.
        for (const sent of batch) {
          const current = entries.find((entry) => entry.label.clientId === sent.clientId);
          if (!current) continue;
          if ((await sendBatch([current.label])) === 'stop') return 'stop';
        }
        return 'continue';
      }
      const [label] = batch;
      if (label) {
        settle(label);
        emit({ type: 'rejected', label, error });
      }
      return 'continue';
    }
    if (disposed) return 'stop';
    const answered = new Set<string>();
    for (const result of response.results) {
      const sent = batch.find((label) => label.clientId === result.clientId);
      if (!sent) continue;
      answered.add(sent.clientId);
      settle(sent);
      if (result.status === 'rejected') {
        emit({ type: 'rejected', label: sent, error: rejectionError(result) });
      } else {
        emit({ type: 'result', label: sent, result });
      }
    }
    const unanswered = batch.filter((label) => !answered.has(label.clientId));
    if (unanswered.length > 0) backOff(unanswered);
    return 'continue';
  }

  async function drain(): Promise<void> {
    while (!paused && !disposed) {
      const at = now();
      const due = entries.filter((entry) => entry.nextAttemptAt <= at).slice(0, maxBatch);
      if (due.length === 0) return;
      if ((await sendBatch(due.map((entry) => entry.label))) === 'stop') return;
    }
  }

  function scheduleRetry(): void {
    cancelRetry?.();
    cancelRetry = null;
    if (paused || disposed || entries.length === 0) return;
    const earliest = Math.min(...entries.map((entry) => entry.nextAttemptAt));
    cancelRetry = schedule(
      () => {
        cancelRetry = null;
        void flush();
      },
      Math.max(0, earliest - now()),
    );
  }

  function flush(): Promise<void> {
    if (disposed || paused) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again && !paused && !disposed);
      } finally {
        running = null;
        scheduleRetry();
      }
    })();
    return running;
  }

  return {
    entries: () => entries,
    pendingItemIds() {
      pendingIds ??= new Set(entries.map((entry) => entry.label.itemId));
      return pendingIds;
    },
    enqueue(label) {
      if (disposed) return;
      const existing = entries.find((entry) => entry.label.clientId === label.clientId);
      if (existing && existing.label.revision >= label.revision) return;
      const entry: OutboxEntry = { label, attempts: 0, nextAttemptAt: now() };
      commit(
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
      commit(
        entries.map((entry) => ({ ...entry, nextAttemptAt: Math.min(entry.nextAttemptAt, at) })),
      );
      return flush();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      cancelSoon?.();
      cancelRetry?.();
      listeners.clear();
      eventListeners.clear();
    },
  };
}

function defaultSchedule(fn: () => void, ms: number): () => void {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
}
