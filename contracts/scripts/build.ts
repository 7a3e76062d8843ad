import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileContracts, packageRoot, renderAll, sourceRoots } from './compile.ts';

/**
 * Compiles the contracts and writes `src/generated/*.ts` (and `test/generated/*.ts` for the test
 * mocks): `export const xAbi = [...] as const; export const xBytecode = '0x..' as const`.
 * With `--out DIR`, writes under DIR instead of the package (used by `check:generated`).
 */
export function build(outRoot: string = packageRoot): string[] {
  const started = performance.now();
  const files = renderAll(compileContracts());
  for (const root of sourceRoots) {
    const dir = join(outRoot, root.generated);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  for (const [path, content] of files) {
    mkdirSync(dirname(join(outRoot, path)), { recursive: true });
    writeFileSync(join(outRoot, path), content);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`compiled ${files.size} contracts in ${seconds} s`);
  return [...files.keys()];
}

/** Lists the generated files present under `root` (package-relative paths). */
export function listGenerated(root: string): string[] {
  return sourceRoots.flatMap((r) => {
    try {
      return readdirSync(join(root, r.generated)).map((name) => `${r.generated}/${name}`);
    } catch {
      return [];
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex === -1 ? undefined : process.argv[outIndex + 1];
  build(out);
}
