import {
  chmodSync,
  fsyncSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite } from './open-pglite.ts';

/** Every path under `dir` (itself included) whose mode lets the group or others in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = statSync(path);
    if ((stat.mode & 0o077) !== 0) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return found;
}

describe('openPglite', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function scratch() {
    const dir = mkdtempSync(join(tmpdir(), 'plaza-pglite-'));
    dirs.push(dir);
    return join(dir, 'db');
  }

  it('creates a data directory only its user can read or write (0700, files 0600)', async () => {
    const dataDir = scratch();
    const pglite = await openPglite({ dataDir });
    await pglite.exec('create table t (v text); insert into t values (1);');
    await pglite.close();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(openToOthers(dataDir)).toEqual([]);
  }, 120_000);

  it('makes a world-writable data directory private when it opens it', async () => {
    const dataDir = scratch();
    await (await openPglite({ dataDir })).close();
    const chmodAll = (path: string) => {
      chmodSync(path, 0o777);
      if (statSync(path).isDirectory()) for (const n of readdirSync(path)) chmodAll(join(path, n));
    };
    chmodAll(dataDir);
    expect(openToOthers(dataDir).length).toBeGreaterThan(100);
    const pglite = await openPglite({ dataDir });
    await pglite.close();
    expect(openToOthers(dataDir)).toEqual([]);
  }, 120_000);

  it('syncs the WAL to the disk before a commit returns (fsync on)', async () => {
    const synced: string[] = [];
    const pglite = await openPglite({
      dataDir: scratch(),
      fsync: (fd) => {
        synced.push(readlinkSync(`/proc/self/fd/${fd}`));
        fsyncSync(fd);
      },
    });
    try {
      expect((await pglite.query('show fsync')).rows).toEqual([{ fsync: 'on' }]);
      await pglite.exec('create table t (v text)');
      synced.length = 0;
      await pglite.query('insert into t values ($1)', ['receipt signed after this']);
      expect(synced.some((path) => path.includes('/pg_wal/'))).toBe(true);
    } finally {
      await pglite.close();
    }
  }, 120_000);
});
