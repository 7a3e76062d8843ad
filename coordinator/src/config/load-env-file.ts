import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The environment with a `.env` file under it: the file named by `PLAZA_ENV_FILE`, else `.env` in
 * `cwd`, parsed with Node's own dotenv parser. Variables already in `env` win; a missing `.env` is
 * no error (a missing `PLAZA_ENV_FILE` is). Returns a new object; `env` is not changed.
 *
 * @example
 * const env = withEnvFile(process.env, process.cwd());
 */
export function withEnvFile(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Record<string, string | undefined> {
  const named = env.PLAZA_ENV_FILE;
  const path = resolve(cwd, named || '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!named && (error as NodeJS.ErrnoException).code === 'ENOENT') return { ...env };
    throw error;
  }
  const fromFile = parseEnv(text) as Record<string, string>;
  return {
    ...fromFile,
    ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)),
  };
}
