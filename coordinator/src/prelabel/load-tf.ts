/** The tfjs module, as the coordinator uses it. */
export type Tf = typeof import('@tensorflow/tfjs');

let loading: Promise<Tf> | null = null;

/**
 * Loads `@tensorflow/tfjs` on first use, on the wasm backend (XNNPACK, SIMD, one thread; its
 * `.wasm` comes from the package) or, where wasm cannot start, the pure-JS cpu backend. Never
 * tfjs-node. tfjs keeps one engine per process, so this is shared; nothing is loaded until a
 * campaign model is trained or a pre-label batch is checked.
 */
export function loadTf(): Promise<Tf> {
  loading ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
    // Worker threads would only add scheduling noise on a busy coordinator.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm').catch(() => false))) await tf.setBackend('cpu');
    await tf.ready();
    return tf;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
