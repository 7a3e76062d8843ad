import { describe, expect, it, vi } from 'vitest';
import type { EgressFetchResult } from './egress-fetch.ts';
import { createRobotsGate, type RobotsCache, type RobotsRecord } from './robots-gate.ts';

function memoryCache(): RobotsCache & { records: Map<string, RobotsRecord> } {
  const records = new Map<string, RobotsRecord>();
  return {
    records,
    get: async (origin) => records.get(origin),
    put: async (record) => {
      records.set(record.origin, record);
    },
  };
}

const answer = (fields: Partial<EgressFetchResult> & Pick<EgressFetchResult, 'outcome'>) =>
  vi.fn(
    async (url: string): Promise<EgressFetchResult> => ({
      url,
      finalUrl: url,
      status: 200,
      contentType: 'text/plain',
      bytes: 0,
      ms: 1,
      ...fields,
    }),
  );

const robotsFile = (text: string) =>
  answer({ outcome: 'ok', body: new TextEncoder().encode(text), bytes: text.length });

const url = (u: string) => new URL(u);

describe('robots gate', () => {
  it('applies the file’s rules for PlazaBot, falling back to *', async () => {
    const gate = createRobotsGate({
      cache: memoryCache(),
      fetchRobots: robotsFile(
        'User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n',
      ),
    });
    expect(await gate.check(url('https://blog.example.org/posts/1'))).toEqual({ ok: true });
    expect(await gate.check(url('https://blog.example.org/private/diary'))).toMatchObject({
      ok: false,
      code: 'ROBOTS_DISALLOWED',
    });
  });

  it('fetches robots.txt once per origin and remembers it across restarts', async () => {
    const cache = memoryCache();
    const fetchRobots = robotsFile('User-agent: PlazaBot\nDisallow: /search\n');
    const gate = createRobotsGate({ cache, fetchRobots });
    await Promise.all([
      gate.check(url('https://news.example.com/a')),
      gate.check(url('https://news.example.com/b')),
      gate.check(url('https://news.example.com/search?q=x')),
    ]);
    expect(fetchRobots).toHaveBeenCalledTimes(1);
    expect(fetchRobots).toHaveBeenCalledWith('https://news.example.com/robots.txt', undefined);
    const restarted = createRobotsGate({ cache, fetchRobots });
    expect(await restarted.check(url('https://news.example.com/search'))).toMatchObject({
      ok: false,
    });
    expect(fetchRobots).toHaveBeenCalledTimes(1);
    await gate.check(url('http://news.example.com/a'));
    expect(fetchRobots).toHaveBeenLastCalledWith('http://news.example.com/robots.txt', undefined);
  });

  it('refetches after the TTL', async () => {
    let now = 0;
    const fetchRobots = robotsFile('');
    const gate = createRobotsGate({
      cache: memoryCache(),
      fetchRobots,
      now: () => now,
      ttlMs: 1000,
    });
    await gate.check(url('https://a.example.com/'));
    now = 999;
    await gate.check(url('https://a.example.com/'));
    expect(fetchRobots).toHaveBeenCalledTimes(1);
    now = 1001;
    await gate.check(url('https://a.example.com/'));
    expect(fetchRobots).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['404', answer({ outcome: 'http_error', status: 404 }), true],
    ['401', answer({ outcome: 'http_error', status: 401 }), true],
    ['an opaque redirect', answer({ outcome: 'redirect', status: 0 }), true],
    ['500', answer({ outcome: 'http_error', status: 500 }), false],
    ['429', answer({ outcome: 'http_error', status: 429 }), false],
    ['a timeout', answer({ outcome: 'timeout', status: 0 }), false],
    ['a network error', answer({ outcome: 'network_error', status: 0 }), false],
  ])(
    'after %s, allows everything: %s (RFC 9309: unavailable allows, unreachable refuses)',
    async (_, fetchRobots, allowed) => {
      const gate = createRobotsGate({ cache: memoryCache(), fetchRobots });
      const verdict = await gate.check(url('https://a.example.com/page'));
      expect(verdict.ok).toBe(allowed);
      if (!verdict.ok) expect(verdict.code).toBe('ROBOTS_UNREACHABLE');
    },
  );

  it('retries an unreachable robots.txt sooner than a good one', async () => {
    const now = 0;
    const cache = memoryCache();
    const gate = createRobotsGate({
      cache,
      fetchRobots: answer({ outcome: 'timeout', status: 0 }),
      now: () => now,
      errorTtlMs: 600_000,
    });
    await gate.check(url('https://a.example.com/'));
    expect(cache.records.get('https://a.example.com')).toMatchObject({
      state: 'unreachable',
      expiresAt: 600_000,
    });
  });
});
