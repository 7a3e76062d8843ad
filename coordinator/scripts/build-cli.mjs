// Bundles the `plaza` CLI (src/cli/main.ts and every workspace package it reaches) into
// dist/cli/ with esbuild, so a call runs built JavaScript instead of transpiling TypeScript.
// Each command's module is its own chunk, loaded only when that command runs. Third-party
// packages stay external and must be runtime dependencies of @plaza/coordinator: the build fails
// naming any that is not (so a production install, which has only those, cannot miss one).
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
const devOnly = new Set(Object.keys(pkg.devDependencies ?? {}));
const builtins = new Set(builtinModules);

/** The package name of a bare import: `@scope/name/sub` → `@scope/name`. */
const packageName = (path) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');

/** The worker threads' entries, bundled as `chunks/<name>.mjs` like the `.mjs` shims the sources use. */
const workerEntries = {
  'chunks/pglite-worker': join(root, '../db/src/pglite/pglite-worker.ts'),
  'chunks/prepare-batch-worker': join(root, 'src/ingest/prepare-batch-worker.ts'),
};

/**
 * Every `new URL('./name.mjs', import.meta.url)` in the built files whose file is not beside it:
 * a worker thread the built CLI would fail to start.
 */
function missingWorkerFiles(outdir) {
  const missing = [];
  for (const dir of [outdir, join(outdir, 'chunks')]) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.mjs'))) {
      const code = readFileSync(join(dir, name), 'utf8');
      for (const [, file] of code.matchAll(
        /new URL\(["']\.\/([\w.-]+\.mjs)["'],\s*import\.meta\.url\)/g,
      )) {
        if (!readdirSync(dir).includes(file))
          missing.push(`${relative(outdir, join(dir, name))} starts ./${file}`);
      }
    }
  }
  return missing;
}

/** Builds dist/cli; returns the metafile's inputs. Throws listing imports that are not dependencies. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const problems = new Map();
  const externals = {
    name: 'plaza-externals',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || builtins.has(args.path)) return { external: true };
        const name = packageName(args.path);
        if (name.startsWith('@plaza/')) return undefined; // workspace source: bundled
        if (!runtime.has(name)) {
          const why = devOnly.has(name) ? 'a devDependency' : 'not a dependency';
          problems.set(name, `${name} (imported by ${relative(root, args.importer)}) is ${why}`);
        }
        return { external: true };
      });
    },
  };
  const outdir = join(root, 'dist', `.cli-${randomBytes(4).toString('hex')}`);
  const result = await build({
    entryPoints: {
      plaza: join(root, 'src/cli/main.ts'),
      // Worker threads are started from a file beside the module that starts them (`new URL('./x.mjs',
      // import.meta.url)`), and those modules land in chunks/: their entries are built there too.
      ...workerEntries,
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [externals],
    banner: {
      js: "import { createRequire as __plazaRequire } from 'node:module'; const require = __plazaRequire(import.meta.url);",
    },
  });
  if (problems.size > 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(
      `The CLI imports packages at run time that @plaza/coordinator does not list in "dependencies":\n  ${[...problems.values()].join('\n  ')}`,
    );
  }
  const missing = missingWorkerFiles(outdir);
  if (missing.length > 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(
      `The CLI build starts worker files it does not contain:\n  ${missing.join('\n  ')}`,
    );
  }
  const inputs = Object.keys(result.metafile.inputs).map((input) => join(process.cwd(), input));
  writeFileSync(
    join(outdir, 'inputs.json'),
    `${JSON.stringify(inputs.map((i) => relative(root, i)))}\n`,
  );
  // Move the new files in one by one, the entry last: every rename replaces a file atomically and
  // chunk names are content hashes, so a process starting (or loading a chunk) meanwhile sees a
  // whole old build or a whole new one, even when several processes build at once.
  const target = join(root, 'dist', 'cli');
  mkdirSync(join(target, 'chunks'), { recursive: true });
  const fresh = new Set(readdirSync(join(outdir, 'chunks')));
  for (const name of fresh) renameSync(join(outdir, 'chunks', name), join(target, 'chunks', name));
  for (const name of ['inputs.json', 'plaza.mjs.map', 'plaza.mjs']) {
    renameSync(join(outdir, name), join(target, name));
  }
  rmSync(outdir, { recursive: true, force: true });
  // Chunks of older builds go once no process can still be starting from them.
  for (const name of readdirSync(join(target, 'chunks'))) {
    const path = join(target, 'chunks', name);
    if (!fresh.has(name) && Date.now() - statSync(path).mtimeMs > 10 * 60_000)
      rmSync(path, { force: true });
  }
  return inputs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  try {
    const inputs = await buildCli();
    console.log(
      `Built dist/cli/plaza.mjs from ${inputs.length} modules in ${Math.round(performance.now() - started)} ms.`,
    );
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
