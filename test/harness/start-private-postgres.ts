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
  const cluster = await prepareClusterDir(options);
  const port = await freePort();
  await initCluster(cluster, port);
  const control = createPgControl(cluster);
  await control.start().catch(async (error: unknown) => {
    await rm(cluster.dir, { recursive: true, force: true });
    throw error;
  });
  let closing: Promise<void> | undefined;
  return {
    url: `postgres://${cluster.user}@127.0.0.1:${port}/postgres`,
    port,
    dataDir: cluster.dataDir,
    start: control.start,
    stop: control.stop,
    restart: control.restart,
    close: () => {
      closing ??= (async () => {
        if (control.isRunning()) await control.stop('immediate').catch(() => {});
        await rm(cluster.dir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

/** Where a private cluster lives and how its programs are run (as `postgres` when root). */
interface PrivateCluster {
  user: string;
  /** The temporary directory: data, log and socket. */
  dir: string;
  dataDir: string;
  logFile: string;
  /** The OS user owning `dir` when running as root. */
  owner: { uid: number; gid: number } | undefined;
  /** Runs one of PostgreSQL's server programs. */
  pg: (program: string, args: string[]) => Promise<{ stdout: string }>;
}

/** Finds the server programs and makes the temporary directory (owned by `postgres` as root). */
async function prepareClusterDir(options: StartPrivatePostgresOptions): Promise<PrivateCluster> {
  const binDir = options.binDir ?? findPostgresBin();
  if (!binDir) {
    throw new Error(
      'No PostgreSQL server programs (initdb, pg_ctl) found: install PostgreSQL or set PLAZA_PG_BIN.',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'plaza-private-pg-'));
  const owner = asRoot ? await userIds(serviceUser) : undefined;
  if (owner) await chown(dir, owner.uid, owner.gid);
  return {
    user: options.user ?? 'plaza',
    dir,
    dataDir: join(dir, 'data'),
    logFile: join(dir, 'server.log'),
    owner,
    pg: (program, args) =>
      asRoot
        ? run('runuser', ['-u', serviceUser, '--', join(binDir, program), ...args])
        : run(join(binDir, program), args),
  };
}

/**
 * `initdb` with trust authentication, then the server's settings: `port`, loopback only, its socket
 * in the cluster's directory, no fsync. Removes the directory when it fails.
 */
async function initCluster(cluster: PrivateCluster, port: number): Promise<void> {
  const { dir, dataDir, owner } = cluster;
  try {
    await cluster.pg('initdb', [
      '-D',
      dataDir,
      '-U',
      cluster.user,
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
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
}

/** `pg_ctl` start, stop and restart of the cluster, each failure carrying the server log's tail. */
function createPgControl(cluster: PrivateCluster): Pick<
  PrivatePostgres,
  'start' | 'stop' | 'restart'
> & {
  isRunning: () => boolean;
} {
  const { dataDir, logFile } = cluster;
  let running = false;
  const pgCtl = async (what: string, args: string[]) => {
    try {
      await cluster.pg('pg_ctl', [what, '-D', dataDir, ...args, '-w', '-t', '60']);
    } catch (error) {
      const log = await run('tail', ['-n', '30', logFile]).catch(() => ({ stdout: '' }));
      throw new Error(`pg_ctl ${what} failed for ${dataDir}:\n${log.stdout}`, { cause: error });
    }
  };
  return {
    start: async () => {
      await pgCtl('start', ['-l', logFile]);
      running = true;
    },
    stop: async (mode = 'fast') => {
      await pgCtl('stop', ['-m', mode]);
      running = false;
    },
    restart: async () => {
      await pgCtl('restart', ['-l', logFile, '-m', 'fast']);
      running = true;
    },
    isRunning: () => running,
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
