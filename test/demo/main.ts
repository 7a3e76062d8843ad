/**
 * `pnpm demo`: runs Plaza's whole story on the embedded defaults and exits non-zero when a check
 * fails. `--keep` keeps the temporary data dir (database, chain state, export) for a look after.
 */
import { runDemo } from './run-demo.ts';

const report = await runDemo({ keep: process.argv.includes('--keep') });
process.exitCode = report.exitCode;
