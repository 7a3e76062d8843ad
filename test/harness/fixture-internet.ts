import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A canned answer of a fixture site. `stream` writes the body itself (slow or endless bodies). */
export interface FixtureResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  stream?: (res: ServerResponse, signal: AbortSignal) => void;
}

/** A site of the fixture internet: answers by path (with query), 404 for the rest. */
export interface FixtureSite {
  /** `news.example.com`; served on port 80 only. */
  host: string;
  /** `/robots.txt`; absent means 404 (allow all). */
  robots?: string;
  pages: Record<string, FixtureResponse>;
}

/** One request the proxy saw, exactly as the browser sent it. */
export interface RecordedRequest {
  /** `GET`, `CONNECT` … */
  method: string;
  /** Absolute URL (for CONNECT: `https://host:port/`). */
  url: string;
  headers: IncomingHttpHeaders;
  at: number;
}

/** The fixture internet: an HTTP proxy serving the fixture sites and recording every request. */
export interface FixtureInternet {
  /** `http://127.0.0.1:PORT`, for `--proxy-server` and crawlee's `ProxyConfiguration`. */
  proxyUrl: string;
  port: number;
  /** Every request that reached the proxy, in order. */
  requests: RecordedRequest[];
  /** Answers a URL in-process as the proxy would (the coordinator's own fetches), unrecorded. */
  answer: (url: string) => FixtureResponse;
  /** Adds or replaces a site. */
  addSite: (site: FixtureSite) => void;
  /**
   * Holds every page answer (robots.txt still answers) until the returned function is called:
   * browsers then wait on their fetches, which a test uses to make an order of events certain.
   */
  holdPages: () => () => void;
  close: () => Promise<void>;
}

/**
 * Chromium's own service hosts (component and extension updates, sign-in, safe browsing): a
 * headless Chromium asks them now and then whatever its switches say. They are the browser's
 * traffic, never the extension's (the extension fetches only what it is leased, and these hosts
 * are in no fixture campaign); the fixture internet refuses them like any unknown host.
 */
export const CHROMIUM_SERVICE_HOSTS =
  /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com|chrome\.com)$/;

/** The requests of `requests` that the extension could have made: all but Chromium's own. */
export function pageTraffic(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => {
    try {
      return !CHROMIUM_SERVICE_HOSTS.test(new URL(r.url).hostname);
    } catch {
      return true;
    }
  });
}

const NO_SUCH_HOST: FixtureResponse = {
  status: 502,
  headers: { 'content-type': 'text/plain' },
  body: 'The fixture internet has no such host.',
};

/**
 * Starts the fixture internet on 127.0.0.1: a forward HTTP proxy (absolute-form `GET
 * http://host/path`) that serves {@link FixtureSite}s under public-looking names on port 80, so
 * the browser under test fetches `http://news.example.com/` through it with its egress policy
 * unchanged. Every request is recorded with its headers: the tests look for requests that should
 * never have left the browser. Anything else (unknown hosts, other ports, IP literals, CONNECT
 * tunnels) is recorded and refused. Every page sets a cookie, so a browser that kept or sent
 * cookies would show it.
 */
export async function startFixtureInternet(
  sites: readonly FixtureSite[],
): Promise<FixtureInternet> {
  const byHost = new Map(sites.map((site) => [site.host, site]));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const answer = (raw: string): FixtureResponse => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { status: 400, body: 'bad URL' };
    }
    const site = byHost.get(url.hostname);
    if (!site || url.protocol !== 'http:' || (url.port !== '' && url.port !== '80')) {
      return NO_SUCH_HOST;
    }
    if (url.pathname === '/robots.txt') {
      return site.robots === undefined
        ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' }
        : { status: 200, headers: { 'content-type': 'text/plain' }, body: site.robots };
    }
    return (
      site.pages[url.pathname + url.search] ?? {
        status: 404,
        headers: { 'content-type': 'text/html' },
        body: '<!doctype html><title>Not found</title><p>Not found.</p>',
      }
    );
  };

  /** Settles when the pages are no longer held. */
  let held: Promise<void> | null = null;

  const server = createServer(async (req, res) => {
    const url = req.url?.startsWith('http') ? req.url : `http://${req.headers.host}${req.url}`;
    requests.push({ method: req.method ?? '', url, headers: req.headers, at: Date.now() });
    if (held && !url.endsWith('/robots.txt')) await held;
    const response = req.method === 'GET' ? answer(url) : { status: 405, body: 'GET only' };
    const headers: Record<string, string> = {
      'set-cookie': 'fixture_session=do-not-send-me; Path=/; Max-Age=3600',
      ...response.headers,
    };
    if (response.stream) {
      res.writeHead(response.status, headers);
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      response.stream(res, abort.signal);
      return;
    }
    const body = response.body ?? '';
    res.writeHead(response.status, {
      'content-length': String(
        typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
      ),
      ...headers,
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
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    answer,
    addSite: (site) => byHost.set(site.host, site),
    holdPages: () => {
      let release: () => void = () => {};
      held = new Promise<void>((resolve) => {
        release = () => {
          held = null;
          resolve();
        };
      });
      return release;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTML page answer. */
export function html(body: string, status = 200): FixtureResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

/** A redirect answer. */
export function redirect(location: string, status = 302): FixtureResponse {
  return { status, headers: { location, 'content-type': 'text/html' }, body: '' };
}
