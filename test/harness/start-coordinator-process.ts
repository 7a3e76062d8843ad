import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The `plaza` CLI of the workspace. */
const plazaBin = fileURLToPath(new URL('../../coordinator/bin/plaza.mjs', import.meta.url));

/** A `plaza start` process. */
export interface CoordinatorProcess {
  /** Base URL it listens on, from its banner. */
  url: string;
  pid: number;
  /** SIGTERM, then wait until the whole process tree has exited (SIGKILL after `graceMs`). */
  stop: (graceMs?: number) => Promise<void>;
  /** SIGKILL the whole process tree at once, as a crash would; resolves once it is gone. */
  kill9: () => Promise<void>;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output: () => string;
}

/** Options of {@link startCoordinatorProcess}. */
export interface StartCoordinatorProcessOptions {
  /** PLAZA_* variables and DATABASE_URL; the test's own PLAZA_* and DATABASE_URL are not inherited. */
  env: Record<string, string>;
  /** How long to wait for the banner. @default 60_000 */
  readyTimeoutMs?: number;
}

const bannerPattern = /Plaza coordinator\s+(http:\/\/\S+)/;
const maxOutputChars = 1024 * 1024;

/**
 * Spawns `node coordinator/bin/plaza.mjs start` in its own process group (the bin runs the CLI
 * bundled in coordinator/dist/cli, rebuilt first when a source changed) and resolves once it printed `Plaza coordinator   http://…`.
 * Rejects with the process's output when it exits or stays silent past `readyTimeoutMs`.
 *
 * @example
 * const coordinator = await startCoordinatorProcess({ env: { DATABASE_URL: url, PLAZA_PORT: '0' } });
 * await coordinator.stop();
 */
export async function startCoordinatorProcess(
  options: StartCoordinatorProcessOptions,
): Promise<CoordinatorProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('PLAZA_') && key !== 'DATABASE_URL' && key !== 'NODE_OPTIONS',
    ),
  );
  const child = spawn(process.execPath, [plazaBin, 'start'], {
    // The fixture hosts do not resolve: verification and server crawling stay off unless asked for.
    // A local anvil takes any free port (not 8545): tests run side by side.
    env: {
      ...inherited,
      PLAZA_VERIFY: 'false',
      PLAZA_SERVER_CRAWL: 'false',
      PLAZA_ANVIL_PORT: '0',
      ...options.env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not spawn ${plazaBin}.`);
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-maxOutputChars);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  const url = await waitForBanner(child, () => output, options.readyTimeoutMs ?? 60_000).catch(
    async (error: unknown) => {
      await killGroup(pid, 'SIGKILL');
      throw error;
    },
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    pid,
    output: () => output,
    stop: (graceMs = 10_000) => {
      stopping ??= (async () => {
        await killGroup(pid, 'SIGTERM');
        if (!(await waitForGroupExit(pid, graceMs))) {
          await killGroup(pid, 'SIGKILL');
          await waitForGroupExit(pid, 5_000);
        }
      })();
      return stopping;
    },
    kill9: () => {
      stopping ??= (async () => {
        await killGroup(pid, 'SIGKILL');
        await waitForGroupExit(pid, 5_000);
      })();
      return stopping;
    },
  };
}

function waitForBanner(child: ChildProcess, output: () => string, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = bannerPattern.exec(output());
      if (match) {
        cleanup();
        resolve(match[1]!);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      check();
      cleanup();
      reject(
        new Error(
          `plaza start exited (${signal ?? `code ${code}`}) before it listened:\n${output()}`,
        ),
      );
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`plaza start printed no URL within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

async function killGroup(pgid: number, signal: NodeJS.Signals): Promise<void> {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Waits until no live (non-zombie) process is left in the group; false on timeout. */
async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isGroupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Whether a process of group `pgid` still runs. Zombies do not count: an orphaned zombie may wait
 * a long time for a parent that reaps it, and `kill(-pgid, 0)` would still find it.
 */
function isGroupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
  }
  return false;
}
