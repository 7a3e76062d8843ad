import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Production source is every non-test file under src/: what the CLI bundle and `pnpm deploy
// --prod` ship. Test machinery lives in ../testing (imported as `#testing/…`) and
// @plaza/test-kit, both dev-only; this check keeps production source from reaching them.

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(packageDir, 'src');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
};

/**
 * Source-run shims the CLI bundle replaces (`scripts/build-cli.mjs` bundles the `.ts` entry in
 * their place), so what they import is never installed in production.
 */
const BUNDLE_REPLACED = new Map([['src/ingest/prepare-batch-worker.mjs', ['tsx']]]);

/** Every specifier of a static import, re-export, side-effect import or dynamic `import()`. */
function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`). */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productionFiles(path);
    return /\.(ts|mjs|js)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** What is wrong with `specifier` imported from `file` in production source, or null. */
function offence(file: string, specifier: string): string | null {
  if (specifier.startsWith('#')) return `${specifier} is a dev-only subpath import`;
  if (/(^|\/)testing(\/|$)/.test(specifier)) return `${specifier} is test machinery`;
  if (specifier.startsWith('.')) {
    const target = relative(srcDir, resolve(dirname(file), specifier));
    return target.startsWith(`..${sep}`) ? `${specifier} leaves src/` : null;
  }
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return null;
  const name = packageName(specifier);
  if (name in manifest.dependencies) return null;
  return name in manifest.devDependencies
    ? `${name} is only a devDependency`
    : `${name} is not a dependency`;
}

describe('production source', () => {
  const files = productionFiles(srcDir);

  it('finds the imports it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    const main = importSpecifiers(readFileSync(join(srcDir, 'main.ts'), 'utf8'));
    expect(main.length).toBeGreaterThan(0);
    expect(importSpecifiers("import x from '#testing/a.ts';\nawait import('fast-check');")).toEqual(
      ['#testing/a.ts', 'fast-check'],
    );
    expect(offence(join(srcDir, 'app.ts'), '../bench/corpus.ts')).toMatch(/leaves src/);
    expect(offence(join(srcDir, 'app.ts'), 's3rver')).toMatch(/only a devDependency/);
    expect(offence(join(srcDir, 'app.ts'), '@plaza/db/testing')).toMatch(/test machinery/);
    expect(offence(join(srcDir, 'app.ts'), '@plaza/db')).toBeNull();
  });

  it('imports no test machinery and no package that production does not install', () => {
    const offences = files.flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
        if (BUNDLE_REPLACED.get(relative(packageDir, file))?.includes(packageName(specifier)))
          return [];
        const problem = offence(file, specifier);
        return problem ? [`${relative(packageDir, file)}: ${problem}`] : [];
      }),
    );
    expect(offences).toEqual([]);
  });

  it('ships neither the testing folder nor the benchmarks', () => {
    expect(manifest.files.filter((f) => /^(testing|bench)\b/.test(f))).toEqual([]);
  });
});
