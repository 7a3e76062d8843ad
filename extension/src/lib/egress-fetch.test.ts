import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES, MAX_REDIRECTS } from '@plaza/protocol';
import { keccak256, toBytes } from 'viem';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeBody, egressFetch } from './egress-fetch.ts';

type FakeFetch = typeof fetch & { calls: { url: string; init: RequestInit }[] };

/** A fetch that answers from a table and records every request it was asked to make. */
function fakeFetch(answer: (url: string) => Response | Promise<Response>): FakeFetch {
  const calls: { url: string; init: RequestInit }[] = [];
  const doFetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return answer(String(input));
  }) as FakeFetch;
  doFetch.calls = calls;
  return doFetch;
}

const page = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status: 200, headers: { 'content-type': 'text/html', ...headers } });

describe('egressFetch: the URL rules, before any request', () => {
  it.each([
    ['http://10.0.0.1/', 'IP_LITERAL'],
    ['http://192.168.1.1/', 'IP_LITERAL'],
    ['http://169.254.169.254/latest/meta-data/', 'IP_LITERAL'],
    ['http://[::1]/', 'IP_LITERAL'],
    ['http://2130706433/', 'IP_LITERAL'],
    ['http://localhost/', 'LOCALHOST'],
    ['http://intranet/', 'SINGLE_LABEL_HOST'],
    ['http://printer.local/', 'SPECIAL_USE_DOMAIN'],
    ['http://nas.lan/', 'NO_PUBLIC_SUFFIX'],
    ['http://example.com:8080/', 'PORT_FORBIDDEN'],
    ['http://user:pass@example.com/', 'CREDENTIALS_IN_URL'],
    ['file:///etc/passwd', 'SCHEME_FORBIDDEN'],
    ['data:text/html,hi', 'SCHEME_FORBIDDEN'],
    ['ftp://example.com/', 'SCHEME_FORBIDDEN'],
    ['https://ads.tracker.com/x', 'DENY_LISTED'],
  ])('%s → refused %s, nothing requested', async (url, code) => {
    const doFetch = fakeFetch(() => page('never'));
    const result = await egressFetch(url, { fetch: doFetch, denyList: ['tracker.com'] });
    expect(result).toMatchObject({ outcome: 'refused', code, status: 0, bytes: 0 });
    expect(doFetch.calls).toEqual([]);
  });
});

describe('egressFetch: the request', () => {
  it('is exactly egressRequestInit: GET, no credentials, no custom headers, manual redirects', async () => {
    const doFetch = fakeFetch(() => page('<p>hi</p>'));
    await egressFetch('https://news.example.com/a', { fetch: doFetch });
    expect(doFetch.calls).toHaveLength(1);
    const { url, init } = doFetch.calls[0]!;
    expect(url).toBe('https://news.example.com/a');
    expect(init).toMatchObject({
      method: 'GET',
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
      referrer: '',
      referrerPolicy: 'no-referrer',
    });
    expect(Object.keys(init.headers as object)).toEqual(['Accept']);
    expect(init.body).toBeUndefined();
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('reads a page, hashes the exact bytes and reports status, type and size', async () => {
    const body = '<html><title>é</title></html>';
    const result = await egressFetch('https://news.example.com/a', {
      fetch: fakeFetch(() => page(body, { 'content-type': 'text/html; charset=utf-8' })),
    });
    expect(result).toMatchObject({
      outcome: 'ok',
      status: 200,
      contentType: 'text/html; charset=utf-8',
      bytes: toBytes(body).byteLength,
      finalUrl: 'https://news.example.com/a',
    });
    expect(result.bodyHash).toBe(keccak256(toBytes(body)));
    expect(decodeBody(result.body!, result.contentType)).toBe(body);
  });
});

describe('egressFetch: redirects', () => {
  it('reports a browser opaque redirect as status 0 and follows nothing', async () => {
    const opaque = Object.assign(new Response(null, { status: 200 }), {});
    Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
    Object.defineProperty(opaque, 'status', { value: 0 });
    const doFetch = fakeFetch(() => opaque);
    const result = await egressFetch('https://news.example.com/go', { fetch: doFetch });
    expect(result).toMatchObject({ outcome: 'redirect', status: 0, code: 'OPAQUE_REDIRECT' });
    expect(doFetch.calls).toHaveLength(1);
  });

  it('follows a readable Location by hand, checking every hop', async () => {
    const doFetch = fakeFetch((url) =>
      url.endsWith('/old')
        ? new Response(null, { status: 301, headers: { location: '/new' } })
        : page('<p>moved</p>'),
    );
    const result = await egressFetch('https://news.example.com/old', { fetch: doFetch });
    expect(result).toMatchObject({ outcome: 'ok', finalUrl: 'https://news.example.com/new' });
    expect(doFetch.calls.map((c) => c.url)).toEqual([
      'https://news.example.com/old',
      'https://news.example.com/new',
    ]);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'IP_LITERAL'],
    ['http://localhost:8080/', 'PORT_FORBIDDEN'],
    ['http://router/', 'SINGLE_LABEL_HOST'],
    ['file:///etc/passwd', 'SCHEME_FORBIDDEN'],
    ['https://shop.tracker.com/', 'DENY_LISTED'],
  ])('refuses a hop to %s (%s) without requesting it', async (location, code) => {
    const doFetch = fakeFetch(() => new Response(null, { status: 302, headers: { location } }));
    const result = await egressFetch('https://news.example.com/go', {
      fetch: doFetch,
      denyList: ['tracker.com'],
    });
    expect(result).toMatchObject({ outcome: 'refused', code });
    expect(doFetch.calls).toHaveLength(1);
  });

  it(`stops after ${MAX_REDIRECTS} redirects`, async () => {
    let n = 0;
    const doFetch = fakeFetch(
      () => new Response(null, { status: 302, headers: { location: `/r${++n}` } }),
    );
    const result = await egressFetch('https://news.example.com/r0', { fetch: doFetch });
    expect(result).toMatchObject({ outcome: 'refused', code: 'TOO_MANY_REDIRECTS' });
    expect(doFetch.calls).toHaveLength(MAX_REDIRECTS + 1);
  });
});

describe('egressFetch: what is read', () => {
  it('does not read an HTTP error', async () => {
    const cancel = vi.fn();
    const body = new ReadableStream({ pull: () => {}, cancel });
    const result = await egressFetch('https://news.example.com/missing', {
      fetch: fakeFetch(
        () => new Response(body, { status: 404, headers: { 'content-type': 'text/html' } }),
      ),
    });
    expect(result).toMatchObject({
      outcome: 'http_error',
      status: 404,
      code: 'HTTP_404',
      bytes: 0,
    });
    expect(cancel).toHaveBeenCalled();
  });

  it.each([
    'application/pdf',
    'image/png',
    'application/javascript',
    'application/octet-stream',
    '',
  ])('refuses content type "%s" without reading the body', async (type) => {
    const headers: Record<string, string> = type ? { 'content-type': type } : {};
    const response = new Response('%PDF', { status: 200, headers });
    if (!type) response.headers.delete('content-type');
    const result = await egressFetch('https://news.example.com/file', {
      fetch: fakeFetch(() => response),
    });
    expect(result).toMatchObject({ outcome: 'bad_content_type', bytes: 0 });
    expect(result.body).toBeUndefined();
  });

  it('accepts text/plain and application/xhtml+xml', async () => {
    for (const type of ['text/plain; charset=utf-8', 'application/xhtml+xml']) {
      const result = await egressFetch('https://news.example.com/t', {
        fetch: fakeFetch(() => page('hello', { 'content-type': type })),
      });
      expect(result.outcome).toBe('ok');
    }
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const result = await egressFetch('https://news.example.com/big', {
      fetch: fakeFetch(() => page('x', { 'content-length': String(MAX_BODY_BYTES + 1) })),
    });
    expect(result).toMatchObject({ outcome: 'too_large', bytes: 0 });
  });

  it('aborts an endless body at the size cap', async () => {
    const chunk = new Uint8Array(64 * 1024);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const result = await egressFetch('https://news.example.com/endless', {
      fetch: fakeFetch(() => new Response(endless, { headers: { 'content-type': 'text/html' } })),
      maxBytes: 256 * 1024,
    });
    expect(result.outcome).toBe('too_large');
    expect(result.bytes).toBe(256 * 1024 + chunk.byteLength);
    expect(pulled).toBeLessThan(10);
  });

  it('never reads more than MAX_BODY_BYTES even when asked to', async () => {
    const big = new Uint8Array(MAX_BODY_BYTES + 10);
    const result = await egressFetch('https://news.example.com/big', {
      fetch: fakeFetch(() => new Response(big, { headers: { 'content-type': 'text/html' } })),
      maxBytes: 10 * MAX_BODY_BYTES,
    });
    expect(result.outcome).toBe('too_large');
  });

  it('keeps the first bytes with oversize: truncate (robots.txt)', async () => {
    const result = await egressFetch('https://news.example.com/robots.txt', {
      fetch: fakeFetch(() => page('a'.repeat(1000), { 'content-type': 'text/plain' })),
      maxBytes: 100,
      oversize: 'truncate',
    });
    expect(result).toMatchObject({ outcome: 'ok', bytes: 100, truncated: true });
  });
});

describe('egressFetch: the time cap', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    // A real socket: headers at once, then one byte a second, forever.
    server = createServer((req, res) => {
      if (req.url === '/no-headers') return;
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('<'), 1000);
      res.on('close', () => clearInterval(timer));
      res.write('<');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  // The loopback server is reached through a fetch that swaps the host in: the policy itself
  // would (rightly) refuse 127.0.0.1.
  const viaLoopback: typeof fetch = (input, init) =>
    fetch(String(input).replace('https://slow.example.com', base), init);

  it('aborts an endlessly slow body', async () => {
    const result = await egressFetch('https://slow.example.com/slow', {
      fetch: viaLoopback,
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ outcome: 'timeout', code: 'TIMEOUT', status: 200 });
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.ms).toBeLessThan(2000);
  });

  it('aborts a server that never answers', async () => {
    const result = await egressFetch('https://slow.example.com/no-headers', {
      fetch: viaLoopback,
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ outcome: 'timeout', status: 0 });
  });

  it('stops when the caller aborts (pause)', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const result = await egressFetch('https://slow.example.com/slow', {
      fetch: viaLoopback,
      signal: stop.signal,
    });
    expect(result).toMatchObject({ outcome: 'network_error', code: 'ABORTED' });
  });
});

describe('decodeBody', () => {
  it('uses the header charset, then <meta charset>, then UTF-8', () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]);
    expect(decodeBody(latin1, 'text/html; charset=iso-8859-1')).toBe('café');
    const meta = new Uint8Array([...toBytes('<meta charset="windows-1252">'), 0xe9]);
    expect(decodeBody(meta, 'text/html')).toBe('<meta charset="windows-1252">é');
    expect(decodeBody(toBytes('café'), 'text/html')).toBe('café');
    expect(decodeBody(toBytes('café'), 'text/html; charset=no-such-charset')).toBe('café');
  });
});
