import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Options for {@link startAnvil}. */
export interface StartAnvilOptions {
  /** Port on 127.0.0.1. @default a free port chosen by the system */
  port?: number;
  /** Chain id. @default 31337 */
  chainId?: number;
  /** Seconds between blocks; unset means a block per transaction. */
  blockTime?: number;
  /** Path to an anvil binary. @default the binary of the installed `@foundry-rs/anvil` package */
  binary?: string;
  /** Extra command-line arguments. */
  args?: readonly string[];
  /** Milliseconds to wait for anvil to listen. @default 15000 */
  timeoutMs?: number;
}

/** A running anvil. */
export interface AnvilInstance {
  /** `http://127.0.0.1:PORT`. */
  rpcUrl: string;
  port: number;
  chainId: number;
  /** Stops anvil and resolves once it has exited. Safe to call twice. */
  stop: () => Promise<void>;
}

/** Thrown when anvil cannot be found or does not start. */
export class AnvilStartError extends Error {
  readonly code: 'ANVIL_START_FAILED' | 'ANVIL_PORT_BUSY' = 'ANVIL_START_FAILED';
  readonly retryable: boolean;
  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AnvilStartError';
    this.retryable = options.retryable;
  }
}

/** Thrown when the port anvil was asked to listen on is taken by another process. */
export class AnvilPortBusyError extends AnvilStartError {
  override readonly code = 'ANVIL_PORT_BUSY';
  readonly port: number;
  constructor(port: number) {
    super(`Port ${port} on 127.0.0.1 is already in use, so anvil cannot listen there.`, {
      retryable: false,
    });
    this.name = 'AnvilPortBusyError';
    this.port = port;
  }
}

const platformPackages: Record<string, string> = {
  'linux-x64': 'linux-amd64',
  'linux-arm64': 'linux-arm64',
  'darwin-x64': 'darwin-amd64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-amd64',
};

/**
 * Path of the anvil binary shipped by `@foundry-rs/anvil` through its platform package (an optional
 * dependency that works even when the package's install script is blocked).
 */
export function resolveAnvilBinary(): string {
  const platform = platformPackages[`${process.platform}-${process.arch}`];
  if (platform === undefined) {
    throw new AnvilStartError(`anvil has no binary for ${process.platform}-${process.arch}`, {
      retryable: false,
    });
  }
  const binaryName = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  const fromHere = createRequire(import.meta.url);
  const fromAnvil = createRequire(fromHere.resolve('@foundry-rs/anvil/package.json'));
  const path = fromAnvil.resolve(`@foundry-rs/anvil-${platform}/bin/${binaryName}`);
  if (!existsSync(path)) {
    throw new AnvilStartError(`anvil binary missing at ${path}`, { retryable: false });
  }
  return path;
}

/**
 * Spawns anvil on 127.0.0.1 (a free port unless one is given) and resolves once it listens.
 *
 * @example
 * const anvil = await startAnvil();
 * // ... use anvil.rpcUrl ...
 * await anvil.stop();
 */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<AnvilInstance> {
  const chainId = options.chainId ?? 31337;
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    '--chain-id',
    String(chainId),
    ...(options.blockTime === undefined ? [] : ['--block-time', String(options.blockTime)]),
    ...(options.args ?? []),
  ];
  const child = spawn(options.binary ?? resolveAnvilBinary(), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await waitForListening(child, options.timeoutMs ?? 15_000, options.port ?? 0);
  let exited: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    exited ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    return exited;
  };
  return { rpcUrl: `http://127.0.0.1:${port}`, port, chainId, stop };
}

function waitForListening(
  child: ChildProcess,
  timeoutMs: number,
  askedPort: number,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let output = '';
    const fail = (message: string, cause?: unknown): void => {
      cleanup();
      child.kill('SIGKILL');
      reject(
        new AnvilStartError(`${message}; output: ${output.slice(-2000)}`, {
          retryable: true,
          cause,
        }),
      );
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        cleanup();
        // Keep draining the pipes so anvil never blocks on a full buffer.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null): void => {
      if (askedPort !== 0 && /address already in use/i.test(output)) {
        cleanup();
        reject(new AnvilPortBusyError(askedPort));
        return;
      }
      fail(`anvil exited with code ${code} before listening`);
    };
    const onError = (error: Error): void => fail('anvil could not be spawned', error);
    const timer = setTimeout(() => fail(`anvil did not listen within ${timeoutMs} ms`), timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('close', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    // 'close', not 'exit': all of anvil's output has been read by then.
    child.once('close', onExit);
    child.once('error', onError);
  });
}
