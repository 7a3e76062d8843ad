import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';

/** What answers the requests once it exists (the hono app). */
export interface FetchHandler {
  fetch: (request: Request, env: unknown) => Response | Promise<Response>;
}

/**
 * Listens before the app exists, so that what depends on the bound port (the public URL when
 * PLAZA_PORT is 0) can be known when the app is made. A request that arrives before `attach`
 * waits for the app.
 *
 * @example
 * const listening = await listenFirst({ hostname: '127.0.0.1', port: 0 });
 * listening.attach(createApp(createDeps({ ..., publicUrl: `http://127.0.0.1:${listening.port}` })));
 */
export async function listenFirst(params: { hostname: string; port: number }) {
  let attach: (handler: FetchHandler) => void = () => {};
  const ready = new Promise<FetchHandler>((resolve) => {
    attach = resolve;
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      {
        fetch: async (request, env) => (await ready).fetch(request, env),
        hostname: params.hostname,
        port: params.port,
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo | string | null;
  const port = typeof address === 'object' && address ? address.port : params.port;
  return { server, port, attach };
}
