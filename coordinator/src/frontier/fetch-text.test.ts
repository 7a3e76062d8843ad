import { describe, expect, it } from 'vitest';
import { createFetchText, FetchRefusedError } from './fetch-text.ts';

/** A fake network: answers by URL and records every request it sees. */
function fakeNetwork(routes: Record<string, { status: number; body?: string; location?: string }>) {
  const seen: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, init });
    const route = routes[url];
    if (!route) return new Response('not found', { status: 404 });
    const headers: Record<string, string> = route.location ? { location: route.location } : {};
    return new Response(route.body ?? '', { status: route.status, headers });
  }) as typeof fetch;
  return { fetchImpl, seen };
}

describe('createFetchText', () => {
  it('fetches without credentials and follows redirects by hand, checking each hop', async () => {
    const { fetchImpl, seen } = fakeNetwork({
      'https://a.example.com/robots.txt': { status: 301, location: '/moved' },
      'https://a.example.com/moved': { status: 200, body: 'User-agent: *' },
    });
    const checked: string[] = [];
    const fetchText = createFetchText({
      fetch: fetchImpl,
      checkHost: async (host) => {
        checked.push(host);
      },
    });
    const answer = await fetchText('https://a.example.com/robots.txt');
    expect(answer).toEqual({
      status: 200,
      body: 'User-agent: *',
      finalUrl: 'https://a.example.com/moved',
    });
    expect(seen.map((s) => s.init?.redirect)).toEqual(['manual', 'manual']);
    expect(seen.every((s) => s.init?.credentials === 'omit')).toBe(true);
    expect(checked).toEqual(['a.example.com', 'a.example.com']);
  });

  it('refuses a redirect into a private network without requesting it', async () => {
    const { fetchImpl, seen } = fakeNetwork({
      'https://a.example.com/x': {
        status: 302,
        location: 'http://169.254.169.254/latest/meta-data',
      },
    });
    const fetchText = createFetchText({ fetch: fetchImpl });
    await expect(fetchText('https://a.example.com/x')).rejects.toMatchObject({
      code: 'IP_LITERAL',
    });
    expect(seen.map((s) => s.url)).toEqual(['https://a.example.com/x']);
  });

  it('refuses hosts the DNS check refuses, and endless redirect chains', async () => {
    const { fetchImpl } = fakeNetwork({
      'https://loop.example.com/a': { status: 302, location: '/b' },
      'https://loop.example.com/b': { status: 302, location: '/a' },
    });
    const refusing = createFetchText({
      fetch: fetchImpl,
      checkHost: async (host) => {
        throw new Error(`${host}: HOST_RESOLVES_PRIVATE`);
      },
    });
    await expect(refusing('https://loop.example.com/a')).rejects.toThrow('HOST_RESOLVES_PRIVATE');
    const fetchText = createFetchText({ fetch: fetchImpl });
    const error = await fetchText('https://loop.example.com/a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as FetchRefusedError).code).toBe('TOO_MANY_REDIRECTS');
  });

  it('cuts the body at maxBytes', async () => {
    const { fetchImpl } = fakeNetwork({
      'https://a.example.com/big': { status: 200, body: 'x'.repeat(10_000) },
    });
    const fetchText = createFetchText({ fetch: fetchImpl });
    const answer = await fetchText('https://a.example.com/big', { maxBytes: 100 });
    expect(answer.body).toHaveLength(100);
  });
});
