import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JSON-RPC front for a chain node that loses answers and goes down on demand. */
export interface FaultyRpc {
  url: string;
  /** Every JSON-RPC method called through the front, in order. */
  readonly calls: string[];
  /** The methods whose answers were lost, in order. */
  readonly lost: string[];
  /** The next `count` calls of `method` reach the node, but their answers are lost. */
  loseAnswers(method: string, count?: number): void;
  /**
   * Runs `fault` once, on the next call of `method` whose params contain `match`: after the node
   * has answered it and before the answer is returned (the answer is then lost).
   */
  afterNext(method: string, match: string, fault: () => Promise<void>): void;
  /** While down, every call fails as a reset connection, as if the node were restarting. */
  setDown(down: boolean): void;
  /** Drops every pending loss and fault, and brings the front up. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts a front for `target` on a free port of 127.0.0.1. */
export async function startFaultyRpc(target: string): Promise<FaultyRpc> {
  const upstream = target;
  let down = false;
  const calls: string[] = [];
  const lost: string[] = [];
  const losses = new Map<string, number>();
  const faults: Array<{ method: string; match: string; fault: () => Promise<void> }> = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const { method = '', params } = JSON.parse(body) as { method?: string; params?: unknown };
    calls.push(method);
    if (down) return void res.socket?.destroy();
    let answer: Response;
    try {
      answer = await fetch(upstream, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    } catch {
      return void res.socket?.destroy();
    }
    const text = await answer.text();
    const i = faults.findIndex(
      (f) => f.method === method && JSON.stringify(params ?? null).includes(f.match),
    );
    if (i >= 0) {
      const [found] = faults.splice(i, 1);
      await found?.fault();
      lost.push(method);
      return void res.socket?.destroy();
    }
    const lose = losses.get(method) ?? 0;
    if (lose > 0) {
      losses.set(method, lose - 1);
      lost.push(method);
      return void res.socket?.destroy();
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    lost,
    loseAnswers(method, count = 1) {
      losses.set(method, (losses.get(method) ?? 0) + count);
    },
    afterNext(method, match, fault) {
      faults.push({ method, match, fault });
    },
    setDown(value) {
      down = value;
    },
    reset() {
      losses.clear();
      faults.length = 0;
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
