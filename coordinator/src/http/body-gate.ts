/** Hands out turns to read one chunk of a request body, one turn per event-loop iteration. */
export interface BodyGate {
  /** Resolves when the caller may read (and scan) its next chunk. */
  turn(): Promise<void>;
  /** Readers waiting for a turn. */
  readonly waiting: number;
}

/**
 * Spreads body reading over the event loop fairly: every reader waits for a turn before each
 * chunk, and turns are given out in arrival order, one per loop iteration (`setImmediate`). A
 * dozen clients uploading at once then add one chunk's work to each iteration, not a dozen, so
 * everything else the process serves (a health check, a lease) still gets through in a few short
 * iterations. Nothing is held while a reader waits for the network, so slow clients block nobody.
 * One gate per app, passed in explicitly.
 *
 * @example
 * const gate = createBodyGate();
 * await gate.turn();
 * const { done, value } = await reader.read();
 */
export function createBodyGate(): BodyGate {
  const queue: Array<() => void> = [];
  let scheduled = false;
  const release = () => {
    scheduled = false;
    queue.shift()?.();
    schedule();
  };
  const schedule = () => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(release);
  };
  return {
    turn() {
      return new Promise<void>((resolve) => {
        queue.push(resolve);
        schedule();
      });
    },
    get waiting() {
      return queue.length;
    },
  };
}
