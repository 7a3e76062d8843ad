import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Creates `dir` if needed and makes it and everything in it private to the process's user:
 * directories 0700, files 0600. PGlite unpacks a new data directory with world-writable files
 * (0666, `pg_hba.conf` and `pg_control` included); files PostgreSQL creates later are 0600 and
 * sit inside the 0700 directory anyway.
 */
export function makeDataDirPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodTree(dir);
}

function chmodTree(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chmodTree(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
