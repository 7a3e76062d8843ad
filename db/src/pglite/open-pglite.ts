import { PGlite } from '@electric-sql/pglite';
import { pgliteParsers } from '../value-types.ts';
import { DurableNodeFS } from './durable-node-fs.ts';
import type { PgliteArtifacts } from './pglite-artifacts.ts';
import { makeDataDirPrivate } from './private-data-dir.ts';

/** Options of {@link openPglite}. */
export interface OpenPgliteOptions {
  /** A directory, or `memory://` for an in-memory database. */
  dataDir: string;
  /** A dump to start from (tests start from a migrated snapshot). */
  loadDataDir?: Blob | undefined;
  /** Called for every file descriptor PostgreSQL syncs (tests count the WAL's). @default fsyncSync */
  fsync?: ((fd: number) => void) | undefined;
  /** `false`: PGlite's own fsync-off start, to measure what durability costs. @default true */
  durable?: boolean | undefined;
  /** Compiled engines and file bundle to reuse. @default compiled by PGlite itself */
  artifacts?: PgliteArtifacts | undefined;
}

/**
 * PostgreSQL's start parameters as PGlite passes them, minus `-F` (fsync off), with WAL syncs
 * through `fsync()`: the filesystem forwards that call to the disk (see {@link DurableNodeFS}),
 * while `fdatasync()` would be a no-op in emscripten.
 */
const durableStartParams = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'wal_sync_method=fsync',
];

/**
 * Opens PGlite durably: a commit returns only after its WAL reached the disk (PGlite's own
 * default runs with fsync off, so a power loss could drop transactions whose receipts were
 * signed), and the data directory is private to the user (0700, files 0600).
 */
export async function openPglite(options: OpenPgliteOptions): Promise<PGlite> {
  const { dataDir } = options;
  const shared = {
    // Values read as on PostgreSQL (see value-types.ts).
    parsers: pgliteParsers,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    ...(options.artifacts
      ? {
          pgliteWasmModule: options.artifacts.pgliteWasmModule,
          initdbWasmModule: options.artifacts.initdbWasmModule,
          fsBundle: new Blob([options.artifacts.fsBundle]),
        }
      : {}),
  };
  if (dataDir.startsWith('memory://')) return PGlite.create(dataDir, shared);
  makeDataDirPrivate(dataDir);
  const pglite = await PGlite.create(
    options.durable === false
      ? { dataDir, ...shared }
      : {
          fs: new DurableNodeFS(dataDir, options.fsync),
          startParams: durableStartParams,
          ...shared,
        },
  );
  // A new directory was unpacked from PGlite's template with world-writable files.
  makeDataDirPrivate(dataDir);
  return pglite;
}
