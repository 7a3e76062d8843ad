import type { ServerOptions } from 'node:http';
import type { Config } from '../config.ts';

/**
 * The Node HTTP server options that bound how long a client may take to send a request: its
 * headers within `PLAZA_HEADERS_TIMEOUT_SECONDS`, the whole request, body included, within
 * `PLAZA_REQUEST_TIMEOUT_SECONDS`; past either the server answers 408 and closes the connection.
 * An idle keep-alive connection is closed after `PLAZA_KEEP_ALIVE_SECONDS` (Node's 5 s by default;
 * the answers say so in `Keep-Alive: timeout=…`): a load balancer that keeps connections idle
 * longer would now and then send a request on one the server is closing, and answer 502.
 * Node's defaults (300 s for a request) let a client trickling a body hold a connection for five
 * minutes. Open connections are checked every second (Node checks every 30 s by default, which
 * would stretch a 10 s limit to 40 s).
 *
 * @example
 * serve({ fetch: app.fetch, port, serverOptions: serverTimeouts(config) });
 */
export function serverTimeouts(
  config: Pick<
    Config,
    'PLAZA_HEADERS_TIMEOUT_SECONDS' | 'PLAZA_REQUEST_TIMEOUT_SECONDS' | 'PLAZA_KEEP_ALIVE_SECONDS'
  >,
): ServerOptions {
  const requestTimeout = config.PLAZA_REQUEST_TIMEOUT_SECONDS * 1000;
  // Node refuses a headers timeout longer than the request timeout.
  const headersTimeout = Math.min(config.PLAZA_HEADERS_TIMEOUT_SECONDS * 1000, requestTimeout);
  return {
    headersTimeout,
    requestTimeout,
    connectionsCheckingInterval: Math.min(1000, headersTimeout),
    keepAliveTimeout: config.PLAZA_KEEP_ALIVE_SECONDS * 1000,
  };
}
