import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const uiRoot = fileURLToPath(new URL('../../labeling-ui/', import.meta.url));
const protocolSrc = fileURLToPath(new URL('../../coordinator/protocol/src/', import.meta.url));
/** The production build of the web app the coordinator serves. */
export const labelingUiDir = join(uiRoot, 'dist');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the web app when its build is missing or older than its sources or the protocol's. */
export function ensureLabelingUiBuilt(): void {
  const index = join(labelingUiDir, 'index.html');
  const sources = Math.max(
    newestMtime(join(uiRoot, 'src')),
    statSync(join(uiRoot, 'index.html')).mtimeMs,
    statSync(join(uiRoot, 'package.json')).mtimeMs,
    newestMtime(protocolSrc),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('pnpm', ['run', 'build'], { cwd: uiRoot, stdio: 'pipe' });
}
