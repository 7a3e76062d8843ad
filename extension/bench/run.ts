import { benchMain } from '@plaza/test-kit/bench';

/**
 * Runs this package's benchmarks: every `*.bench.ts` in this folder, or those named on the command
 * line (`tsx bench/run.ts <name> …`), into `bench/results/extension.json` at the repository root.
 */
await benchMain('extension', new URL('./', import.meta.url));
