import { benchMain } from '@plaza/test-kit/bench';

/**
 * Runs the contracts' benchmarks (gas on anvil) into `bench/results/contracts.json` at the
 * repository root; `tsx bench/run.ts <name> …` runs some of them.
 */
await benchMain('contracts', new URL('./', import.meta.url));
