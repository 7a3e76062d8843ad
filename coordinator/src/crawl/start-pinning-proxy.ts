import { createServer, type IncomingMessage, request } from 'node:http';
import { type AddressInfo, connect, isIP, type Socket } from 'node:net';
import type { ConnectLookup } from '../frontier/checking-lookup.ts';

/** A running {@link startPinningProxy}. */
export interface PinningProxy {
  /** `http://127.0.0.1:PORT`, for the browser's proxy setting. */
  url: string;
  close(): Promise<void>;
}

/** Hop-by-hop headers a proxy must not pass on (RFC 9110 §7.6.1), and the proxy's own. */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Port of an absolute URL or `host:port` authority, or null when not one of `ports`. */
function allowedPort(port: string, fallback: number, ports: ReadonlySet<number>): number | null {
  const value = port === '' ? fallback : Number(port);
  return ports.has(value) ? value : null;
}

function refuse(socket: Socket, status: number, reason: string): void {
  // A socket handed to a `connect` listener has no error listener of Node's any more: a client
  // that resets it after reading the refusal would otherwise throw in this process.
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * A forward proxy on 127.0.0.1 through which the coordinator's browser reaches the web: it
 * connects, for plain requests (`GET http://host/…`) and tunnels (`CONNECT host:443`) alike, to the
 * addresses `lookup` gives (`createCheckingLookup`: those the DNS check passed), so Chromium never
 * resolves a name itself and DNS rebinding between the check of a hop and its connection finds no
 * other address to connect to. Only `ports` are reachable (80 and 443), and only by name (an
 * address literal would skip the lookup). Answers 502 when the lookup refuses or the connection
 * fails. One per batch; nothing outside this host can use it.
 *
 * @example
 * const proxy = await startPinningProxy({ lookup: createCheckingLookup(deps) });
 * // chromium --proxy-server=${proxy.url}
 */
export async function startPinningProxy(options: {
  lookup: ConnectLookup;
  ports?: ReadonlySet<number>;
}): Promise<PinningProxy> {
  const ports = options.ports ?? new Set([80, 443]);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { connection: 'close' }).end();
      return;
    }
    const port = allowedPort(target.port, 80, ports);
    // An address literal would skip the lookup: the egress policy never fetches one anyway.
    if (
      target.protocol !== 'http:' ||
      port === null ||
      target.hostname.startsWith('[') ||
      isIP(target.hostname)
    ) {
      res.writeHead(403, { connection: 'close' }).end();
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !HOP_HEADERS.has(name)),
    );
    const upstream = request(
      {
        host: target.hostname,
        port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers,
        lookup: options.lookup,
        agent: false,
      },
      (answer) => {
        const passed = Object.entries(answer.headers).filter(([name]) => !HOP_HEADERS.has(name));
        res.writeHead(answer.statusCode ?? 502, Object.fromEntries(passed));
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { connection: 'close' }).end();
    });
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const match = /^([^:[\]]+):(\d{1,5})$/.exec(req.url ?? '');
    const port = match ? allowedPort(match[2]!, 443, ports) : null;
    if (!match || port === null || isIP(match[1]!)) {
      refuse(client, 403, 'Forbidden');
      return;
    }
    let connected = false;
    const upstream = connect({ host: match[1]!, port, lookup: options.lookup });
    upstream.on('connect', () => {
      connected = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.byteLength > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (connected) client.destroy();
      else refuse(client, 502, 'Bad Gateway');
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
