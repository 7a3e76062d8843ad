import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A canned answer of the proxy. The body is sent with a Content-Length unless `chunked`;
 * `stream` writes the body itself (slow or endless bodies) and ends the response when it likes.
 */
export interface ProxyAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body chunked, without a Content-Length. */
  chunked?: boolean;
  stream?: (res: ServerResponse, signal: AbortSignal) => void;
}

/** One request the proxy saw, exactly as the client sent it. */
export interface ProxiedRequest {
  /** `GET`, `CONNECT` … */
  method: string;
  /** Absolute URL (for CONNECT: `https://host:port/`). */
  url: string;
  headers: IncomingHttpHeaders;
  at: number;
}

/** Options of {@link startForwardProxy}. */
export interface ForwardProxyOptions {
  /** The answer to a GET of an absolute URL; may wait (to hold a fetch until a test says so). */
  answer: (url: string) => ProxyAnswer | Promise<ProxyAnswer>;
  /** The `Set-Cookie` of every answer, so a client that kept or sent cookies would show it. */
  cookie: string;
  /** Headers every answer starts from; the answer's own headers win. */
  defaultHeaders?: Record<string, string>;
}

/** A running forward proxy on 127.0.0.1. */
export interface ForwardProxy {
  /** `http://127.0.0.1:PORT`, for `--proxy-server`, crawlee's `ProxyConfiguration`, `PLAZA_CRAWL_PROXY_URL`. */
  proxyUrl: string;
  port: number;
  /** Every request that reached the proxy, in order (appended to while it runs). */
  requests: ProxiedRequest[];
  /** Stops listening and drops every open connection. */
  close: () => Promise<void>;
}

/** Headers and body of `answer` as they go on the wire. */
function wireHeaders(options: ForwardProxyOptions, answer: ProxyAnswer): Record<string, string> {
  const body = answer.body ?? '';
  const length =
    answer.chunked || answer.stream
      ? {}
      : {
          'content-length': String(
            typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
          ),
        };
  return { ...options.defaultHeaders, 'set-cookie': options.cookie, ...length, ...answer.headers };
}

/**
 * Starts a forward HTTP proxy on 127.0.0.1 (absolute-form `GET http://host/path`) that answers
 * every GET with `options.answer(url)` and records every request with its headers, so a test can
 * look for requests that should never have been sent. Other methods get 405; CONNECT tunnels
 * (https) are recorded and refused with 403. The fake web of the coordinator's crawl tests and the
 * fixture internet of the end-to-end specs are both this proxy with their own `answer`.
 *
 * @example
 * const proxy = await startForwardProxy({
 *   answer: (url) => ({ status: 200, body: `<p>${url}</p>` }),
 *   cookie: 'session=do-not-send-me; Path=/',
 * });
 */
export async function startForwardProxy(options: ForwardProxyOptions): Promise<ForwardProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    const url = req.url?.startsWith('http') ? req.url : `http://${req.headers.host}${req.url}`;
    requests.push({ method: req.method ?? '', url, headers: req.headers, at: Date.now() });
    const answer: ProxyAnswer =
      req.method === 'GET' ? await options.answer(url) : { status: 405, body: 'GET only' };
    res.writeHead(answer.status, wireHeaders(options, answer));
    if (answer.stream) {
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      answer.stream(res, abort.signal);
      return;
    }
    res.end(answer.body ?? '');
  });
  server.on('connect', (req, socket) => {
    requests.push({
      method: 'CONNECT',
      url: `https://${req.url}/`,
      headers: req.headers,
      at: Date.now(),
    });
    // The socket is the listener's now, without Node's error listener: a browser resetting it
    // after the refusal (Chromium does, for its own background requests) must not throw.
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
