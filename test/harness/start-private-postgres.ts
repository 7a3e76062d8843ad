import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server of the test's own, in a temporary directory, on a free loopback port. */
export interface PrivatePostgres {
  /** Superuser connection string of its `postgres` database. */
  url: string;
  port: number;
  dataDir: string;
  /** Starts the server (again) on the same port and data; resolves once it accepts connections. */
  start: () => Promise<void>;
  /** Stops it: `fast` ends every session (what an operator's restart does), `immediate` crashes. */
  stop: (mode?: 'fast' | 'immediate') => Promise<void>;
  /** `pg_ctl restart -m fast`: every connection breaks, and the server comes back. */
  restart: () => Promise<void>;
  /** Stops the server if it runs and deletes its directory. Idempotent. */
  close: () => Promise<void>;
}

/** Options of {@link startPrivatePostgres}. */
export interface StartPrivatePostgresOptions {
  /** Folder of `initdb` and `pg_ctl`; found by {@link findPostgresBin} when unset. */
  binDir?: string;
  /** The superuser to create. @default 'plaza' */
  user?: string;
}

/** The OS user a root process runs PostgreSQL as: PostgreSQL refuses to run as root. */
const serviceUser = 'postgres';

/**
 * The folder of PostgreSQL's server programs: `PLAZA_PG_BIN` when set, else the newest
 * `/usr/lib/postgresql/<version>/bin` (Debian and Ubuntu), else a `pg_ctl` on the PATH;
 * undefined when there is none.
 */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.PLAZA_PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'pg_ctl')) ? fromEnv : undefined;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir;
  }
  return undefined;
}

/**
 * Creates a fresh PostgreSQL cluster in a temporary directory (`initdb`, trust authentication on
 * loopback only, no fsync: a throwaway server that survives its own restarts and crashes, not the
 * machine's), starts it on a free port and returns handles to
 * stop, start and restart it, for tests that take the database away under load without touching
 * the shared server. As root, the directory is given to the `postgres` OS user and every program
 * runs through `runuser -u postgres --`.
 *
 * @example
 * const pg = await startPrivatePostgres();
 * try { await pg.restart(); } finally { await pg.close(); }
 */
export async function startPrivatePostgres(
  options: StartPrivatePostgresOptions = {},
): Promise<PrivatePostgres> {
  const binDir = options.binDir ?? findPostgresBin();
  if (!binDir) {
    throw new Error(
      'No PostgreSQL server programs (initdb, pg_ctl) found: install PostgreSQL or set PLAZA_PG_BIN.',
    );
  }
  const user = options.user ?? 'plaza';
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'plaza-private-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const owner = asRoot ? await userIds(serviceUser) : undefined;
  if (owner) await chown(dir, owner.uid, owner.gid);
  const pg = (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', serviceUser, '--', join(binDir, program), ...args])
      : run(join(binDir, program), args);

  const port = await freePort();
  try {
    await pg('initdb', ['-D', dataDir, '-U', user, '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    await writeFile(
      join(dataDir, 'postgresql.auto.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'full_page_writes = off',
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    if (owner) await chown(join(dataDir, 'postgresql.auto.conf'), owner.uid, owner.gid);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`initdb failed in ${dir}.`, { cause: error });
  }

  let running = false;
  const describe = async (what: string, error: unknown) => {
    const log = await run('tail', ['-n', '30', logFile]).catch(() => ({ stdout: '' }));
    return new Error(`pg_ctl ${what} failed for ${dataDir}:\n${log.stdout}`, { cause: error });
  };
  const start = async () => {
    try {
      await pg('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60']);
    } catch (error) {
      throw await describe('start', error);
    }
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    try {
      await pg('pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '60']);
    } catch (error) {
      throw await describe('stop', error);
    }
    running = false;
  };
  await start().catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  let closing: Promise<void> | undefined;
  return {
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    start,
    stop,
    restart: async () => {
      try {
        await pg('pg_ctl', [
          'restart',
          '-D',
          dataDir,
          '-l',
          logFile,
          '-m',
          'fast',
          '-w',
          '-t',
          '60',
        ]);
      } catch (error) {
        throw await describe('restart', error);
      }
      running = true;
    },
    close: () => {
      closing ??= (async () => {
        if (running) await stop('immediate').catch(() => {});
        await rm(dir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const uid = await run('id', ['-u', name]);
  const gid = await run('id', ['-g', name]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
