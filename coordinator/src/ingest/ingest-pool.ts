import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { PrepareBatchResult, PrepareBatchTask } from './prepare-batch.ts';
import type { WarmUpTask } from './prepare-batch-worker.ts';

/** How much lower than the process the ingest threads run (Linux `nice`; ignored elsewhere). */
const INGEST_NICE = 10;

/** Worker threads that prepare submitted batches: hashing, normalization, MinHash, quality. */
export interface IngestPool {
  prepare(task: PrepareBatchTask): Promise<PrepareBatchResult>;
  /**
   * Starts every thread and loads what a batch needs (modules, the language model), so the first
   * submissions do not wait for it: a thread starts in a second or more on a busy machine.
   */
  warmUp(): Promise<void>;
  /** Waits for running tasks, then stops the threads. */
  close(): Promise<void>;
}

/**
 * A piscina pool running {@link prepareBatch} in `threads` worker threads (default: one per
 * core), at a lower CPU priority than the rest of the process so that leases and other requests
 * are served before ingest's CPU work. The threads start on first use (or
 * {@link IngestPool.warmUp}) and then stay, so a lull in submissions never makes the next batch
 * pay a thread's start.
 */
export function createIngestPool(options: { threads?: number | undefined } = {}): IngestPool {
  const threads = options.threads ?? availableParallelism();
  let pool: Piscina<PrepareBatchTask | WarmUpTask, PrepareBatchResult | null> | null = null;
  const started = () => {
    pool ??= new Piscina({
      filename: new URL('./prepare-batch-worker.mjs', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // Below the HTTP and PGlite threads: on a busy machine leases win the CPU, ingest waits.
      niceIncrement: INGEST_NICE,
    });
    return pool;
  };
  return {
    async prepare(task) {
      return (await started().run(task)) as PrepareBatchResult;
    },
    async warmUp() {
      const running = started();
      await Promise.all(Array.from({ length: threads }, () => running.run({ warmUp: true })));
    },
    async close() {
      await pool?.close();
      pool = null;
    },
  };
}
