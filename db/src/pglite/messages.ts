import type { PgliteArtifacts } from './pglite-artifacts.ts';

/** What the HTTP thread asks of the PGlite thread. Each request has an id its reply carries. */
export type PgliteRequest =
  | {
      op: 'query';
      sql: string;
      params: unknown[];
      rowMode: 'array' | 'object';
      /** Types returned as PostgreSQL's text instead of parsed (drizzle's timestamp parsers). */
      rawTypes: number[];
      tx: number | null;
    }
  | { op: 'exec'; sql: string; tx: number | null }
  /** One statement in its own transaction that commits without waiting for fsync. */
  | { op: 'relaxed'; sql: string; params: unknown[] }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'dump' }
  | { op: 'close' };

/** A query's result, as PGlite gives it. */
export interface PgliteResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number | undefined;
}

/** An error, flattened so its fields (`code`, `detail`, `constraint`…) survive the thread hop. */
export interface SerializedError {
  message: string;
  name: string;
  fields: Record<string, unknown>;
}

/** The PGlite thread's answer to one request. */
export type PgliteReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError };

/** What the PGlite thread is started with (`workerData`). */
export interface PgliteWorkerData {
  dataDir: string;
  loadDataDir: ArrayBuffer | null;
  artifacts: PgliteArtifacts;
  durable: boolean;
}
