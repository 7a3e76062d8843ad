#!/usr/bin/env node
// `pnpm start`: builds the web app when its sources are newer than its build, then starts the
// coordinator serving it (PGlite, local anvil, local disk: the embedded defaults).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ui = join(root, 'labeling-ui');
const built = join(ui, 'dist', 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = [join(ui, 'src'), join(ui, 'index.html'), join(root, 'coordinator/protocol/src')];
const stale =
  !existsSync(built) ||
  sources.some((source) => {
    const mtime = statSync(source).isDirectory() ? newest(source) : statSync(source).mtimeMs;
    return mtime > statSync(built).mtimeMs;
  });
if (stale) {
  console.log('Building the web app (labeling-ui) …');
  const build = spawnSync('pnpm', ['--filter', '@plaza/labeling-ui', 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const result = spawnSync(
  process.execPath,
  [join(root, 'coordinator/bin/plaza.mjs'), 'start', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { PLAZA_UI_DIR: join(ui, 'dist'), ...process.env } },
);
process.exit(result.status ?? 1);
