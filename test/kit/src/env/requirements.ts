import { existsSync } from 'node:fs';

/** Whether this run is CI's (`CI=true`, as CI services and `.ci/run` set it). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/** What a test needs from the machine, and whether it may run. */
export interface Requirement<T> {
  /** The thing itself when present (a path, a URL). */
  value: T | undefined;
  /** True when the suite must be skipped (never under CI: there a missing need throws). */
  skip: boolean;
  /** ` (skipped: …)` for a skipped suite's name, else empty. */
  note: string;
}

/**
 * Decides whether a suite that needs something from the machine runs: it runs when `value` is
 * there; outside CI it is skipped with `why` in its name; under CI a missing need is an error, so
 * a suite never passes by skipping silently where it was meant to run.
 */
export function requirement<T>(
  value: T | undefined,
  why: string,
  env: NodeJS.ProcessEnv = process.env,
): Requirement<T> {
  if (value !== undefined) return { value, skip: false, note: '' };
  if (isCi(env)) throw new Error(`CI needs ${why}.`);
  return { value, skip: true, note: ` (skipped: ${why})` };
}

/** The one setting for the Chromium the tests and the coordinator start. @default '/usr/bin/chromium' */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PLAZA_CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Chromium at {@link chromiumPath}: a requirement of the browser suites. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): Requirement<string> {
  const path = chromiumPath(env);
  return requirement(
    existsSync(path) ? path : undefined,
    `Chromium at ${path} (install Debian's chromium or set PLAZA_CHROMIUM_PATH)`,
    env,
  );
}

/**
 * A PostgreSQL server whose role may create databases, for the suites that need one:
 * `TEST_POSTGRES_URL`, else `TEST_DATABASE_URL` (which also switches the database suites of
 * `db` and `coordinator` from PGlite to PostgreSQL).
 */
export function requirePostgresServer(env: NodeJS.ProcessEnv = process.env): Requirement<string> {
  return requirement(
    env.TEST_POSTGRES_URL ?? env.TEST_DATABASE_URL,
    'a PostgreSQL server: set TEST_POSTGRES_URL (or TEST_DATABASE_URL)',
    env,
  );
}
