import type { BenchRun } from '@plaza/test-kit/bench';
import { speedFigures } from './attribution-speed.ts';

/** Attribution rule v2 timed on a 100,000-row version (see `speedFigures`), in its own process. */
export const run: BenchRun = () => speedFigures();
