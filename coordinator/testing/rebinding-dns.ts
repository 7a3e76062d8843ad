import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { Resolver } from '../src/frontier/resolve-check.ts';

/** A site on a loopback address, port 80, that counts the connections it gets. */
export interface LoopbackSite {
  address: string;
  connections: () => number;
  close: () => Promise<void>;
}

/**
 * Serves a small page on a random 127.x.y.z, port 80 (the only plain port the egress policy
 * allows; any 127/8 address is loopback on Linux, so parallel runs rarely collide; binding needs
 * root, as CI has), and counts every connection: the rebinding tests expect none.
 */
export async function startLoopbackSite(): Promise<LoopbackSite> {
  for (let attempt = 0; ; attempt++) {
    const address = `127.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
    let count = 0;
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Loopback</title><p>inside the network</p>');
    });
    server.on('connection', () => {
      count++;
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(80, address, resolve);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
      throw error;
    }
    return {
      address,
      connections: () => count,
      close: () => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(() => resolve()));
      },
    };
  }
}

/**
 * DNS that rebinds: every name under `.example.com` answers `first` on its first query and `then`
 * on every later one, whoever asks: the coordinator's `Resolver` and, while installed, Node's own
 * `dns.lookup` (what a socket, `fetch` or got use when they are given no lookup of their own;
 * other names go to the real one). So code that checks a name and then lets the socket resolve it
 * again connects to `then`.
 */
export function createRebindingDns(first: string, then: string) {
  const queries = new Map<string, number>();
  const answer = (host: string): string => {
    const n = (queries.get(host) ?? 0) + 1;
    queries.set(host, n);
    return n === 1 ? first : then;
  };
  const resolver: Resolver = async (host) => [answer(host)];
  const original = dns.lookup;
  return {
    resolver,
    /** Queries of `host` so far, by anyone. */
    queries: (host: string) => queries.get(host) ?? 0,
    /** Makes `dns.lookup` answer the same way; returns the function that restores it. */
    install(): () => void {
      const lookup = (
        host: string,
        options: unknown,
        callback?: (...args: unknown[]) => void,
      ): void => {
        if (!host.endsWith('.example.com')) {
          (original as (...args: unknown[]) => void)(host, options, callback);
          return;
        }
        const done = (typeof options === 'function' ? options : callback) as (
          ...args: unknown[]
        ) => void;
        const all = typeof options === 'object' && (options as { all?: boolean }).all;
        const address = answer(host);
        const family = address.includes(':') ? 6 : 4;
        process.nextTick(() =>
          all ? done(null, [{ address, family }]) : done(null, address, family),
        );
      };
      (dns as { lookup: unknown }).lookup = lookup;
      return () => {
        (dns as { lookup: unknown }).lookup = original;
      };
    },
  };
}
