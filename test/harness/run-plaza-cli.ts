import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `plaza` CLI of the workspace (its bundle in coordinator/dist/cli, rebuilt when stale). */
const plazaBin = fileURLToPath(new URL('../../coordinator/bin/plaza.mjs', import.meta.url));

/** What a `plaza` command printed and how it exited. */
export interface PlazaCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `plaza` CLI in a child process (`plaza verify DIR --rpc URL` …) and resolves with
 * its exit code and output, whatever the code. The test's own PLAZA_* variables are not passed on.
 */
export function runPlazaCli(args: readonly string[], timeoutMs = 120_000): Promise<PlazaCliResult> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('PLAZA_') && key !== 'NODE_OPTIONS',
    ),
  );
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [plazaBin, ...args],
      { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        if (code === null) return reject(error);
        resolve({ code, stdout, stderr });
      },
    );
  });
}
