import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PGliteOptions } from '@electric-sql/pglite';

/** A compiled WebAssembly module (typed through PGlite: this package has no DOM types). */
type WasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;
const wasm = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }
).WebAssembly;

/** PGlite's compiled engines and its file bundle, made once per process and shared by threads. */
export interface PgliteArtifacts {
  pgliteWasmModule: WasmModule;
  initdbWasmModule: WasmModule;
  fsBundle: ArrayBuffer;
}

let artifacts: Promise<PgliteArtifacts> | undefined;

/**
 * Compiles PGlite's WebAssembly once per process (off the main thread, as `WebAssembly.compile`
 * does) and reads its file bundle: every PGlite thread gets the compiled modules instead of
 * compiling 9 MB of WebAssembly again (tests open one database per test).
 */
export function pgliteArtifacts(): Promise<PgliteArtifacts> {
  artifacts ??= (async () => {
    const require = createRequire(import.meta.url);
    const load = (name: string) => readFile(require.resolve(`@electric-sql/pglite/${name}`));
    const [pglite, initdb, bundle] = await Promise.all([
      load('pglite.wasm'),
      load('initdb.wasm'),
      load('pglite.data'),
    ]);
    return {
      pgliteWasmModule: await wasm.compile(pglite),
      initdbWasmModule: await wasm.compile(initdb),
      fsBundle: bundle.buffer.slice(bundle.byteOffset, bundle.byteOffset + bundle.byteLength),
    };
  })();
  return artifacts;
}
