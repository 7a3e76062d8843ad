/**
 * One request of the round-robin front (round-robin-front.ts) sent on to a backend: the buffered
 * body, the headers as they pass either way, and whether the backend refused, broke or answered.
 */
import { type Agent, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';

/** What became of a request sent to a backend. */
export type ForwardOutcome =
  | { kind: 'answer'; status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { kind: 'refused' }
  | { kind: 'lost'; message: string };

/**
 * Sends `req` (with its buffered `body`) to `target`; `refused` when the connection was refused
 * before it opened (nothing reached the backend), `lost` when it broke afterwards.
 */
export function forwardToBackend(
  target: URL,
  agent: Agent,
  req: IncomingMessage,
  body: Buffer,
): Promise<ForwardOutcome> {
  return new Promise<ForwardOutcome>((resolve) => {
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
        agent,
      },
      (response) => {
        readAll(response).then(
          (responseBody) =>
            resolve({
              kind: 'answer',
              status: response.statusCode ?? 502,
              headers: answerHeaders(response.headers, responseBody.length),
              body: responseBody,
            }),
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
}

/** A backend's headers as the front passes them on: hop-by-hop ones dropped, the length fixed. */
function answerHeaders(headers: IncomingHttpHeaders, length: number): IncomingHttpHeaders {
  const passed = { ...headers };
  delete passed.connection;
  delete passed['keep-alive'];
  delete passed['transfer-encoding'];
  passed['content-length'] = String(length);
  return passed;
}

/** Reads a request or response body whole. */
export function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
    stream.once('aborted', () => reject(new Error('aborted')));
  });
}
