import { createFastHashes, type FastHashes } from './create-fast-hashes.ts';

let hashes: Promise<FastHashes> | undefined;

/**
 * This thread's {@link FastHashes}, built on first use (hash-wasm starts asynchronously). They
 * hold no state between calls, so one set serves every request of the thread.
 */
export function fastHashes(): Promise<FastHashes> {
  hashes ??= createFastHashes();
  return hashes;
}
