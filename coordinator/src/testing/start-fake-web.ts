import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A canned answer of the fake web. */
export interface FakePage {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body chunked, without a Content-Length. */
  chunked?: boolean;
}

/** A request the fake web saw. */
export interface FakeWebRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  at: number;
}

/** A forward HTTP proxy on 127.0.0.1 that answers from `pages` (by absolute URL). */
export interface FakeWeb {
  /** `http://127.0.0.1:PORT`: `PLAZA_CRAWL_PROXY_URL` for the coordinator's crawlers. */
  proxyUrl: string;
  /** Answers by absolute URL (`http://news.example.com/a`); 404 for the rest. Mutable. */
  pages: Map<string, FakePage>;
  requests: FakeWebRequest[];
  close: () => Promise<void>;
}

/**
 * Starts a fake web for the coordinator's own crawl tests: a forward proxy (absolute-form
 * `GET http://host/path`) serving public-looking hosts from memory and recording every request.
 * CONNECT (https) is refused. Every answer sets a cookie, so a crawler that sent cookies back
 * would show it.
 *
 * @example
 * const web = await startFakeWeb({ 'http://news.example.com/a': { body: '<p>Hi</p>' } });
 */
export async function startFakeWeb(initial: Record<string, FakePage> = {}): Promise<FakeWeb> {
  const pages = new Map(Object.entries(initial));
  const requests: FakeWebRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = req.url?.startsWith('http') ? req.url : `http://${req.headers.host}${req.url}`;
    requests.push({ method: req.method ?? '', url, headers: req.headers, at: Date.now() });
    const page = req.method === 'GET' ? pages.get(url) : { status: 405, body: 'GET only' };
    const status = page?.status ?? (page ? 200 : 404);
    const body = page?.body ?? (page ? '' : 'not found');
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'set-cookie': 'fake_session=do-not-send-me; Path=/',
      ...(page?.chunked
        ? {}
        : {
            'content-length': String(
              typeof body === 'string' ? Buffer.byteLength(body) : body.length,
            ),
          }),
      ...page?.headers,
    });
    res.end(body);
  });
  server.on('connect', (req, socket) => {
    requests.push({
      method: 'CONNECT',
      url: `https://${req.url}/`,
      headers: req.headers,
      at: Date.now(),
    });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    pages,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
