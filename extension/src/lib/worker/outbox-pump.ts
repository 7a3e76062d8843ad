import type { Outbox } from '../outbox.ts';

/** Sends the outbox while the worker goes on, and counts what was acknowledged. */
export interface OutboxPump {
  /** Starts a flush (joining one in progress) and returns it; it never rejects. */
  flush(): Promise<void>;
  /** The last flush started, settled. */
  settled(): Promise<void>;
  /** Batches acknowledged since the pump was made: each reopened its hosts for leasing. */
  acknowledged(): number;
}

/**
 * One work session's outbox pump. A failed flush is handed to `onError` (the batches wait in the
 * outbox with their retry time; the session goes on).
 */
export function createOutboxPump(
  outbox: Pick<Outbox, 'flush'>,
  onError: (error: unknown) => void,
): OutboxPump {
  let flushing: Promise<void> = Promise.resolve();
  let acknowledged = 0;
  return {
    flush() {
      flushing = outbox.flush().then((result) => {
        acknowledged += result.sent;
      }, onError);
      return flushing;
    },
    settled: () => flushing,
    acknowledged: () => acknowledged,
  };
}
