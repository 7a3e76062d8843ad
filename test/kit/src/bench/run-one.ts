import { writeFile } from 'node:fs/promises';
import type { BenchRun } from './figure.ts';

/**
 * Child process of the bench runner: `run-one.ts <bench module URL> <result file>` imports one
 * benchmark, runs it and writes `{ figures }` or `{ error }` to the result file, so that a
 * benchmark that hangs or crashes takes only its own process down.
 */
const [moduleUrl, resultFile] = process.argv.slice(2);
if (!moduleUrl || !resultFile)
  throw new Error('usage: run-one.ts <bench module URL> <result file>');
try {
  const module = (await import(moduleUrl)) as { run?: BenchRun };
  if (typeof module.run !== 'function') throw new Error(`${moduleUrl} does not export run().`);
  const figures = await module.run();
  await writeFile(resultFile, JSON.stringify({ figures }));
} catch (error) {
  console.error(error);
  const message = error instanceof Error ? error.message : String(error);
  await writeFile(resultFile, JSON.stringify({ error: message }));
  process.exitCode = 1;
}
// A benchmark may leave handles open (a pool, a socket): its figures are written, so end here.
process.exit();
