// Fails when src/schema and the committed migrations disagree: generates into a copy of the
// migrations folder and checks that drizzle-kit found nothing new to write.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = join(root, 'migrations');
// drizzle-kit resolves --out relative to the package, so the scratch copy lives inside it.
const scratch = mkdtempSync(join(root, '.migrations-check-'));
const relative = `./${scratch.slice(root.length)}`;
try {
  cpSync(committed, scratch, { recursive: true });
  const before = readdirSync(scratch).sort();
  execFileSync(
    'pnpm',
    [
      'exec',
      'drizzle-kit',
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      './src/schema/index.ts',
      '--out',
      relative,
    ],
    { cwd: root, stdio: 'pipe' },
  );
  const added = readdirSync(scratch).filter((f) => !before.includes(f));
  if (added.length > 0) {
    console.error(
      `Migrations are stale: the schema needs ${added.join(', ')}. Run 'pnpm --filter @plaza/db generate' and commit it.`,
    );
    process.exitCode = 1;
  } else {
    console.log('migrations match the schema');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
