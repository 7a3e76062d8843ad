#!/usr/bin/env node
// The `plaza` command. Runs the built CLI (dist/cli/plaza.mjs, bundled by scripts/build-cli.mjs);
// in a checkout it first rebuilds it when a source it was built from changed (esbuild, ~1 s), so
// `pnpm plaza` never runs stale code. An installed copy (no sources) just runs the build.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/cli/plaza.mjs');

function isStale() {
  if (!existsSync(join(root, 'src/cli/main.ts'))) return false; // an install: no sources
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, 'dist/cli/inputs.json'), 'utf8'));
  } catch {
    return true;
  }
  for (const input of inputs) {
    try {
      if (statSync(join(root, input)).mtimeMs > builtAt) return true;
    } catch {
      return true; // a source was moved or deleted
    }
  }
  return statSync(join(root, 'package.json')).mtimeMs > builtAt;
}

if (isStale()) {
  const { buildCli } = await import(pathToFileURL(join(root, 'scripts/build-cli.mjs')).href);
  try {
    await buildCli();
  } catch (error) {
    process.stderr.write(`error BUILD_FAILED: could not build the plaza CLI: ${error.message}\n`);
    process.exit(1);
  }
}
await import(pathToFileURL(built).href);
