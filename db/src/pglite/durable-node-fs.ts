import { fsyncSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** The slice of emscripten's module this file touches. */
interface EmscriptenNodeFs {
  NODEFS: { stream_ops: { fsync?: (stream: { nfd: number }) => number } };
}

/**
 * PGlite's Node filesystem with a working `fsync`. Emscripten's NODEFS has no `fsync` stream
 * operation (and its `fdatasync` syscall is a no-op), so PostgreSQL's fsyncs never reached the
 * disk, whatever `fsync` said. This one forwards them to the real file descriptor. `onFsync` sees
 * every descriptor synced (tests count them).
 */
export class DurableNodeFS extends NodeFS {
  readonly #sync: (fd: number) => void;

  constructor(dataDir: string, sync: (fd: number) => void = fsyncSync) {
    super(dataDir);
    this.#sync = sync;
  }

  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const sync = this.#sync;
    const patchFsync = (mod: unknown) => {
      (mod as EmscriptenNodeFs).NODEFS.stream_ops.fsync = (stream) => {
        sync(stream.nfd);
        return 0;
      };
    };
    return {
      emscriptenOpts: { ...emscriptenOpts, preRun: [patchFsync, ...(emscriptenOpts.preRun ?? [])] },
    };
  }
}
