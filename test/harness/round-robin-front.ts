import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

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
  const backends = options.backends.map((base) => new URL(base));
  if (backends.length === 0) throw new Error('startRoundRobinFront needs at least one backend.');
  const skipForMs = options.skipDeadForMs ?? 1_000;
  const agents = backends.map(() => new Agent({ keepAlive: true, maxSockets: 256 }));
  const deadUntil = backends.map(() => 0);
  const zeros = () => backends.map(() => 0);
  const front = {
    answered: zeros(),
    refused: zeros(),
    lost: zeros(),
    dropped: zeros(),
  };
  let onResponse = options.onResponse;
  let turn = 0;

  /** The next backend in turn that is not being skipped; every one when all are. */
  const nextBackend = (tried: ReadonlySet<number>): number | undefined => {
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
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readAll(req);
    const tried = new Set<number>();
    for (;;) {
      const index = nextBackend(tried);
      if (index === undefined) {
        sendError(res, 503, 'NO_BACKEND', 'Every coordinator behind the front refused to connect.');
        return;
      }
      tried.add(index);
      const outcome = await forward(index, req, body);
      if (outcome.kind === 'refused') {
        front.refused[index]!++;
        deadUntil[index] = Date.now() + skipForMs;
        continue;
      }
      if (outcome.kind === 'lost') {
        front.lost[index]!++;
        deadUntil[index] = Date.now() + skipForMs;
        sendError(
          res,
          502,
          'BACKEND_LOST',
          `The connection to coordinator ${index} broke before it answered: ${outcome.message}`,
        );
        return;
      }
      const decision = await onResponse?.({
        backend: index,
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: outcome.status,
        headers: outcome.headers,
        body: outcome.body,
      });
      if (decision === 'drop') {
        front.dropped[index]!++;
        sendError(res, 502, 'BACKEND_LOST', `The answer of coordinator ${index} was lost.`);
        return;
      }
      front.answered[index]!++;
      res.writeHead(outcome.status, { ...outcome.headers, [backendHeader]: String(index) });
      res.end(outcome.body);
      return;
    }
  };

  type Outcome =
    | { kind: 'answer'; status: number; headers: IncomingHttpHeaders; body: Buffer }
    | { kind: 'refused' }
    | { kind: 'lost'; message: string };

  const forward = (index: number, req: IncomingMessage, body: Buffer) =>
    new Promise<Outcome>((resolve) => {
      const target = backends[index]!;
      const headers = { ...req.headers, host: target.host, 'content-length': body.length };
      delete headers.connection;
      delete headers['transfer-encoding'];
      let connected = false;
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent: agents[index],
        },
        (response) => {
          readAll(response).then(
            (responseBody) => {
              const responseHeaders = { ...response.headers };
              delete responseHeaders.connection;
              delete responseHeaders['keep-alive'];
              delete responseHeaders['transfer-encoding'];
              responseHeaders['content-length'] = String(responseBody.length);
              resolve({
                kind: 'answer',
                status: response.statusCode ?? 502,
                headers: responseHeaders,
                body: responseBody,
              });
            },
            (error: Error) => resolve({ kind: 'lost', message: error.message }),
          );
        },
      );
      upstream.on('socket', (socket) => {
        // A reused keep-alive socket is connected already; a new one connects later.
        if (!socket.connecting) connected = true;
        else socket.once('connect', () => (connected = true));
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (!connected && error.code === 'ECONNREFUSED') resolve({ kind: 'refused' });
        else resolve({ kind: 'lost', message: error.code ?? error.message });
      });
      upstream.end(body);
    });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 502, 'BACKEND_LOST', String(error));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...front,
    setOnResponse: (hook) => {
      onResponse = hook;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const agent of agents) agent.destroy();
    },
  };
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
    stream.once('aborted', () => reject(new Error('aborted')));
  });
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
