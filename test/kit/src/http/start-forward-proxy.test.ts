import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ForwardProxy, startForwardProxy } from './start-forward-proxy.ts';

/** Sends `method url` through the proxy in absolute form; answers status, headers and body. */
function viaProxy(proxy: ForwardProxy, url: string, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: proxy.port,
          method,
          path: url,
          headers: { host: new URL(url).host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

let proxy: ForwardProxy;
afterEach(() => proxy?.close());

describe('startForwardProxy', () => {
  it('stays up when a client resets a refused tunnel (Chromium does, for its own requests)', async () => {
    proxy = await startForwardProxy({ answer: () => ({ status: 200, body: 'up' }), cookie: 'a=b' });
    for (let i = 0; i < 3; i++) {
      const refusal = await new Promise<string>((resolve, reject) => {
        const socket = connect(proxy.port, '127.0.0.1', () =>
          socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'),
        );
        socket.on('error', reject);
        socket.once('data', (chunk: Buffer) => {
          // A reset (RST), not a close: the proxy's socket reads ECONNRESET.
          socket.resetAndDestroy();
          resolve(chunk.toString('latin1'));
        });
      });
      expect(refusal).toMatch(/^HTTP\/1\.1 403 /);
    }
    // An unhandled ECONNRESET would have thrown in this process (vitest fails the file for it).
    expect((await viaProxy(proxy, 'http://example.com/')).body).toBe('up');
  });

  it('answers GETs by absolute URL with the cookie and a length, and records each request', async () => {
    proxy = await startForwardProxy({
      answer: (url) =>
        url === 'http://news.example.com/a'
          ? { status: 200, body: 'héllo', headers: { 'x-page': 'a' } }
          : { status: 404, body: 'none' },
      cookie: 'session=do-not-send-me; Path=/',
      defaultHeaders: { 'content-type': 'text/html; charset=utf-8' },
    });
    const page = await viaProxy(proxy, 'http://news.example.com/a');
    expect(page).toMatchObject({ status: 200, body: 'héllo' });
    expect(page.headers).toMatchObject({
      'content-length': '6',
      'content-type': 'text/html; charset=utf-8',
      'set-cookie': ['session=do-not-send-me; Path=/'],
      'x-page': 'a',
    });
    expect((await viaProxy(proxy, 'http://other.example.com/')).status).toBe(404);
    expect(proxy.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET http://news.example.com/a',
      'GET http://other.example.com/',
    ]);
  });

  it('refuses other methods with 405 and CONNECT tunnels with 403, recording both', async () => {
    proxy = await startForwardProxy({ answer: () => ({ status: 200, body: 'ok' }), cookie: 'c=1' });
    expect(await viaProxy(proxy, 'http://news.example.com/a', 'POST')).toMatchObject({
      status: 405,
      body: 'GET only',
    });
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(proxy.port, '127.0.0.1', () =>
        socket.write(
          'CONNECT secure.example.com:443 HTTP/1.1\r\nHost: secure.example.com:443\r\n\r\n',
        ),
      );
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 403/);
    expect(proxy.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST http://news.example.com/a',
      'CONNECT https://secure.example.com:443/',
    ]);
  });

  it('sends a chunked answer without a length and waits on an answer that waits', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    proxy = await startForwardProxy({
      answer: async (url) => {
        if (url.endsWith('/held')) await held;
        return { status: 200, body: 'chunks', chunked: true };
      },
      cookie: 'c=1',
    });
    const answer = viaProxy(proxy, 'http://news.example.com/held');
    let settled = false;
    void answer.then(() => {
      settled = true;
    });
    await viaProxy(proxy, 'http://news.example.com/free');
    expect(settled).toBe(false);
    release();
    const page = await answer;
    expect(page.body).toBe('chunks');
    expect(page.headers['content-length']).toBeUndefined();
    expect(page.headers['transfer-encoding']).toBe('chunked');
  });
});
