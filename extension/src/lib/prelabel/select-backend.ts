import type { PrelabelBackend } from '@plaza/protocol';

/** The part of tfjs backend selection uses. */
export interface TfBackends {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
}

/** Backends in the order they are tried when none is asked for. */
export const BACKEND_ORDER: readonly PrelabelBackend[] = ['webgpu', 'wasm', 'cpu'];

/**
 * Switches tfjs to the first backend of `order` that starts: WebGPU where the browser gives an
 * adapter (a real GPU, or SwiftShader under `--enable-unsafe-webgpu`), else wasm (SIMD, one
 * thread), else the pure-JS cpu backend. Returns the one that runs, which the device reports and
 * signs.
 */
export async function selectBackend(
  tf: TfBackends,
  order: readonly PrelabelBackend[] = BACKEND_ORDER,
  hasWebGpu?: boolean,
): Promise<PrelabelBackend> {
  // Parcel's parser refuses an `in` expression as a parameter default.
  const webGpu = hasWebGpu ?? (typeof navigator !== 'undefined' && Reflect.has(navigator, 'gpu'));
  const problems: string[] = [];
  for (const backend of order) {
    if (backend === 'webgpu' && !webGpu) {
      problems.push('webgpu: no navigator.gpu');
      continue;
    }
    try {
      if (await tf.setBackend(backend)) {
        await tf.ready();
        return backend;
      }
      problems.push(`${backend}: did not start`);
    } catch (error) {
      problems.push(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`No tfjs backend could start (${problems.join('; ')}).`);
}
