import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { PrepareBatchResult, PrepareBatchTask } from './prepare-batch.ts';

/** Worker threads that prepare submitted batches: hashing, normalization, MinHash, quality. */
export interface IngestPool {
  prepare(task: PrepareBatchTask): Promise<PrepareBatchResult>;
  /** Waits for running tasks, then stops the threads. */
  close(): Promise<void>;
}

/**
 * A piscina pool running {@link prepareBatch} in `threads` worker threads (default: one per
 * core). Threads start on first use and leave after 30 s idle, so an idle coordinator (or a test
 * that never ingests) holds none.
 */
export function createIngestPool(options: { threads?: number | undefined } = {}): IngestPool {
  const threads = options.threads ?? availableParallelism();
  let pool: Piscina<PrepareBatchTask, PrepareBatchResult> | null = null;
  return {
    prepare(task) {
      pool ??= new Piscina({
        filename: new URL('./prepare-batch-worker.mjs', import.meta.url).href,
        minThreads: 0,
        maxThreads: threads,
        idleTimeout: 30_000,
      });
      return pool.run(task);
    },
    async close() {
      await pool?.close();
      pool = null;
    },
  };
}
