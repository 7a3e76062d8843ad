import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ForwardOutcome, forwardToBackend, readAll } from './forward-to-backend.ts';

/** One answer of a backend, as the front saw it before passing it on. */
export interface FrontResponse {
  /** Index of the backend in `backends`. */
  backend: number;
  method: string;
  /** Path and query of the request. */
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** The whole response body. */
  body: Buffer;
}

/**
 * What to do with a backend's answer: pass it on, or `'drop'` it and answer the client as if the
 * backend had died after doing the work but before its answer left (502 `BACKEND_LOST`).
 */
export type FrontDecision = 'forward' | 'drop';

/** Options of {@link startRoundRobinFront}. */
export interface StartRoundRobinFrontOptions {
  /** Base URLs of the coordinator processes, e.g. `http://127.0.0.1:41234`. */
  backends: readonly string[];
  /** How long a backend that refused a connection is skipped. @default 1_000 */
  skipDeadForMs?: number;
  /**
   * Sees every backend answer; returning `'drop'` withholds it from the client. A promise holds
   * the answer back until it settles (e.g. while a fault is being set up), then decides.
   */
  onResponse?: (
    response: FrontResponse,
  ) => FrontDecision | undefined | Promise<FrontDecision | undefined>;
}

/** A running round-robin front. */
export interface RoundRobinFront {
  /** Base URL devices talk to. */
  url: string;
  /** Requests each backend answered and the front passed on, by backend index. */
  answered: number[];
  /** Connections each backend refused (the request then went to the next backend). */
  refused: number[];
  /** Requests whose backend connection broke after the request was sent (answered 502). */
  lost: number[];
  /** Answers withheld by `onResponse` (answered 502). */
  dropped: number[];
  /** Swaps the hook that sees every answer (undefined: forward everything). */
  setOnResponse: (hook: StartRoundRobinFrontOptions['onResponse']) => void;
  close: () => Promise<void>;
}

/** Response header naming the backend (its index) that answered. */
export const backendHeader = 'x-plaza-front-backend';

/**
 * A small HTTP reverse proxy on 127.0.0.1 that forwards each request to the next backend in turn,
 * like the load balancer in front of a coordinator deployment. A backend that refuses the
 * connection (a dead process) is skipped for `skipDeadForMs` and the request goes to the next one,
 * which is always safe: nothing reached the dead one. When a connection breaks after the request
 * was sent, the backend may or may not have done the work, so the front answers 502 with the
 * protocol's error shape (`BACKEND_LOST`, retryable) and leaves the retry to the client. Every
 * answer carries {@link backendHeader}. Bodies are buffered (test-sized payloads only).
 *
 * @example
 * const front = await startRoundRobinFront({ backends: coordinators.map((c) => c.url) });
 * const device = await createSimulatedDevice({ baseUrl: front.url });
 */
export async function startRoundRobinFront(
  options: StartRoundRobinFrontOptions,
): Promise<RoundRobinFront> {
  const pool = createBackendPool(options.backends, options.skipDeadForMs ?? 1_000);
  let onResponse = options.onResponse;
  const server = createServer((req, res) => {
    handleFrontRequest(pool, () => onResponse, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 502, 'BACKEND_LOST', String(error));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    ...pool.counts,
    setOnResponse: (hook) => {
      onResponse = hook;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const agent of pool.agents) agent.destroy();
    },
  };
}

/** The backends, their keep-alive agents, which are being skipped, and what each one did. */
interface BackendPool {
  backends: URL[];
  agents: Agent[];
  counts: Pick<RoundRobinFront, 'answered' | 'refused' | 'lost' | 'dropped'>;
  /** The next backend in turn that is not being skipped; every one when all are. */
  nextBackend(tried: ReadonlySet<number>): number | undefined;
  /** Skips backend `index` for the pool's skip time. */
  skip(index: number): void;
}

/** A pool over `backendUrls` that skips a backend for `skipForMs` after it refused or broke. */
function createBackendPool(backendUrls: readonly string[], skipForMs: number): BackendPool {
  const backends = backendUrls.map((base) => new URL(base));
  if (backends.length === 0) throw new Error('startRoundRobinFront needs at least one backend.');
  const deadUntil = backends.map(() => 0);
  const zeros = () => backends.map(() => 0);
  let turn = 0;
  return {
    backends,
    agents: backends.map(() => new Agent({ keepAlive: true, maxSockets: 256 })),
    counts: { answered: zeros(), refused: zeros(), lost: zeros(), dropped: zeros() },
    nextBackend: (tried) => {
      const now = Date.now();
      for (const skipDead of [true, false]) {
        for (let step = 0; step < backends.length; step++) {
          const index = (turn + step) % backends.length;
          if (tried.has(index) || (skipDead && deadUntil[index]! > now)) continue;
          turn = index + 1;
          return index;
        }
      }
      return undefined;
    },
    skip: (index) => {
      deadUntil[index] = Date.now() + skipForMs;
    },
  };
}

/**
 * Forwards one client request to the backends in turn until one connects; answers 503 when all
 * refuse, 502 when the connection broke after the request was sent or the hook drops the answer.
 * The hook is read when the answer arrives (it may be swapped while a request is in flight).
 */
async function handleFrontRequest(
  pool: BackendPool,
  currentHook: () => StartRoundRobinFrontOptions['onResponse'],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readAll(req);
  const tried = new Set<number>();
  for (;;) {
    const index = pool.nextBackend(tried);
    if (index === undefined) {
      sendError(res, 503, 'NO_BACKEND', 'Every coordinator behind the front refused to connect.');
      return;
    }
    tried.add(index);
    const outcome = await forwardToBackend(pool.backends[index]!, pool.agents[index]!, req, body);
    if (outcome.kind === 'refused') {
      pool.counts.refused[index]!++;
      pool.skip(index);
      continue;
    }
    if (outcome.kind === 'lost') {
      pool.counts.lost[index]!++;
      pool.skip(index);
      sendError(
        res,
        502,
        'BACKEND_LOST',
        `The connection to coordinator ${index} broke before it answered: ${outcome.message}`,
      );
      return;
    }
    await passOnAnswer(pool, currentHook(), { index, req, res, outcome });
    return;
  }
}

/** Shows a backend's answer to the hook, then passes it on (with {@link backendHeader}) or drops it. */
async function passOnAnswer(
  pool: BackendPool,
  onResponse: StartRoundRobinFrontOptions['onResponse'],
  answer: {
    index: number;
    req: IncomingMessage;
    res: ServerResponse;
    outcome: Extract<ForwardOutcome, { kind: 'answer' }>;
  },
): Promise<void> {
  const { index, req, res, outcome } = answer;
  const decision = await onResponse?.({
    backend: index,
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    status: outcome.status,
    headers: outcome.headers,
    body: outcome.body,
  });
  if (decision === 'drop') {
    pool.counts.dropped[index]!++;
    sendError(res, 502, 'BACKEND_LOST', `The answer of coordinator ${index} was lost.`);
    return;
  }
  pool.counts.answered[index]!++;
  res.writeHead(outcome.status, { ...outcome.headers, [backendHeader]: String(index) });
  res.end(outcome.body);
}

/** Listens on a free port of 127.0.0.1; returns the port. */
async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Answers in the protocol's error shape, so the devices' client reads the code. */
function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message, retryable: true } });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'retry-after': '1',
  });
  res.end(body);
}
