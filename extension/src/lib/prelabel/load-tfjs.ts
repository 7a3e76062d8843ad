// tfjs for the offscreen document only: the service worker never loads it, and the document
// loads it on the first batch (a separate chunk), so parsing pages never waits for it.
import wasmPlain from 'url:@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm';
import wasmSimd from 'url:@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';
import type { Tf } from './run-prelabel-batch.ts';

let loading: Promise<Tf> | null = null;

/**
 * tfjs with the WebGPU, wasm and cpu backends, set up for an extension page: the wasm binaries
 * come from the extension's own files (Parcel `url:` imports; the manifest's CSP allows
 * `'wasm-unsafe-eval'`), and wasm runs single-threaded, since MV3 pages refuse the blob workers
 * its threads would need (it would hang otherwise).
 */
export function loadTfjs(): Promise<Tf> {
  loading ??= (async () => {
    const [tf, wasm] = await Promise.all([
      import('@tensorflow/tfjs'),
      import('@tensorflow/tfjs-backend-wasm'),
      import('@tensorflow/tfjs-backend-webgpu'),
    ]);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      // Never loaded (threads are off); tfjs wants an entry for every binary.
      'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd,
    });
    return tf;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
