import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, listGenerated } from './build.ts';
import { packageRoot } from './compile.ts';

/**
 * Rebuilds the generated ABI and bytecode modules into a temporary folder and fails when the committed
 * ones differ (stale, missing or extra). CI runs it.
 */
const tmp = mkdtempSync(join(tmpdir(), 'plaza-contracts-'));
try {
  const fresh = build(tmp).sort();
  const committed = listGenerated(packageRoot).sort();
  const problems: string[] = [];
  for (const path of fresh) {
    if (!committed.includes(path)) problems.push(`missing: ${path}`);
    else if (
      readFileSync(join(tmp, path), 'utf8') !== readFileSync(join(packageRoot, path), 'utf8')
    ) {
      problems.push(`stale: ${path}`);
    }
  }
  for (const path of committed) if (!fresh.includes(path)) problems.push(`extra: ${path}`);
  if (problems.length > 0) {
    console.error(`generated files are out of date (run pnpm --filter @plaza/contracts build):`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exitCode = 1;
  } else {
    console.log(`generated files are up to date (${fresh.length} files)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
