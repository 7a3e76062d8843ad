import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { withEnvFile } from './load-env-file.ts';

describe('withEnvFile', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'plaza-env-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('reads .env under the environment, which wins, and the config parses it', () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, '.env'),
      '# a comment\nPLAZA_PORT=9123\nPLAZA_LOG_LEVEL="warn"\nPLAZA_HOST=0.0.0.0\nexport PLAZA_DB_POOL=4\n',
    );
    const env = withEnvFile({ PLAZA_HOST: '127.0.0.2' }, cwd);
    const config = loadConfig(env);
    expect(config.PLAZA_PORT).toBe(9123);
    expect(config.PLAZA_LOG_LEVEL).toBe('warn');
    expect(config.PLAZA_HOST).toBe('127.0.0.2');
    expect(config.PLAZA_DB_POOL).toBe(4);
  });

  it('reads the file PLAZA_ENV_FILE names, and fails when it is missing', () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'prod.env'), 'PLAZA_PORT=7000\n');
    expect(withEnvFile({ PLAZA_ENV_FILE: 'prod.env' }, cwd).PLAZA_PORT).toBe('7000');
    expect(() => withEnvFile({ PLAZA_ENV_FILE: 'absent.env' }, cwd)).toThrow(/ENOENT/);
    expect(withEnvFile({ A: '1' }, cwd)).toEqual({ A: '1' });
  });
});
