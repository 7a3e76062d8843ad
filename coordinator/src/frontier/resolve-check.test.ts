import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../clock.ts';
import { createResolveCache } from './resolve-cache.ts';
import { checkResolvedHost, type Resolver } from './resolve-check.ts';

const answers: Record<string, string[]> = {
  'public.example.com': ['93.184.215.14'],
  'dual.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'loopback.example.com': ['127.0.0.1'],
  'mixed.example.com': ['93.184.215.14', '10.0.0.5'],
  'mixed6.example.com': ['2606:4700::1111', 'fd12:3456::1'],
  'metadata.example.com': ['169.254.169.254'],
  'cgnat.example.com': ['100.64.0.10'],
  'mapped.example.com': ['::ffff:192.168.1.1'],
  'nat64.example.com': ['64:ff9b::a00:1'],
  'sixtofour.example.com': ['2002:c0a8:101::1'],
  'linklocal6.example.com': ['fe80::1'],
  'unspecified.example.com': ['0.0.0.0'],
  'multicast.example.com': ['239.1.1.1'],
  'doc.example.com': ['192.0.2.10'],
  'garbage.example.com': ['not-an-address'],
  'empty.example.com': [],
  'many.example.com': Array.from({ length: 65 }, (_, i) => `93.184.215.${i}`),
};

const fakeResolver: Resolver = async (host) => {
  const found = answers[host];
  if (found === undefined) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return found;
};

describe('checkResolvedHost', () => {
  it.each<[string, string]>([
    ['public.example.com', 'ok'],
    ['dual.example.com', 'ok'],
    ['PUBLIC.Example.com.', 'ok'],
    ['loopback.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['mixed.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['mixed6.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['metadata.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['cgnat.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['mapped.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['nat64.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['sixtofour.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['linklocal6.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['unspecified.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['multicast.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['doc.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['garbage.example.com', 'HOST_RESOLVES_PRIVATE'],
    ['empty.example.com', 'HOST_UNRESOLVABLE'],
    ['many.example.com', 'HOST_UNRESOLVABLE'],
    ['nxdomain.example.com', 'HOST_UNRESOLVABLE'],
    ['127.0.0.1', 'HOST_RESOLVES_PRIVATE'],
    ['127.1', 'HOST_RESOLVES_PRIVATE'],
    ['2130706433', 'HOST_RESOLVES_PRIVATE'],
    ['[::1]', 'HOST_RESOLVES_PRIVATE'],
    ['::ffff:10.0.0.1', 'HOST_RESOLVES_PRIVATE'],
    ['8.8.8.8', 'ok'],
    ['[2606:4700::1111]', 'ok'],
  ])('%s → %s', async (host, expected) => {
    const result = await checkResolvedHost(host, fakeResolver);
    expect(result.ok ? 'ok' : result.code).toBe(expected);
  });

  it('names the offending address and its class', async () => {
    const result = await checkResolvedHost('mixed.example.com', fakeResolver);
    expect(result).toMatchObject({ ok: false, retryable: false });
    if (!result.ok) expect(result.reason).toContain('10.0.0.5, a private address');
  });

  it('returns the addresses when all are public', async () => {
    expect(await checkResolvedHost('dual.example.com', fakeResolver)).toEqual({
      ok: true,
      addresses: answers['dual.example.com'],
    });
  });

  it('marks resolver failures retryable with the error code', async () => {
    const result = await checkResolvedHost('nxdomain.example.com', fakeResolver);
    expect(result).toMatchObject({ ok: false, code: 'HOST_UNRESOLVABLE', retryable: true });
    if (!result.ok) expect(result.reason).toContain('ENOTFOUND');
  });

  it('does not ask the resolver about IP literals', async () => {
    const resolver = vi.fn(fakeResolver);
    await checkResolvedHost('10.1.2.3', resolver);
    expect(resolver).not.toHaveBeenCalled();
  });

  it('answers from the cache until the entry expires', async () => {
    const clock = createManualClock();
    const cache = createResolveCache({ ttlMs: 60_000, clock });
    const resolver = vi.fn(fakeResolver);
    await checkResolvedHost('public.example.com', resolver, cache);
    await checkResolvedHost('Public.Example.com.', resolver, cache);
    expect(resolver).toHaveBeenCalledTimes(1);
    clock.advance(60_001);
    await checkResolvedHost('public.example.com', resolver, cache);
    expect(resolver).toHaveBeenCalledTimes(2);
  });

  it('keeps failures only briefly', async () => {
    const clock = createManualClock();
    const cache = createResolveCache({ ttlMs: 60_000, failureTtlMs: 5_000, clock });
    let fail = true;
    const resolver = vi.fn<Resolver>(async () => {
      if (fail) throw new Error('SERVFAIL');
      return ['93.184.215.14'];
    });
    expect((await checkResolvedHost('flaky.example.com', resolver, cache)).ok).toBe(false);
    fail = false;
    expect((await checkResolvedHost('flaky.example.com', resolver, cache)).ok).toBe(false);
    clock.advance(5_001);
    expect((await checkResolvedHost('flaky.example.com', resolver, cache)).ok).toBe(true);
    expect(resolver).toHaveBeenCalledTimes(2);
  });

  it('caches private answers for the full lifetime', async () => {
    const clock = createManualClock();
    const cache = createResolveCache({ clock });
    const resolver = vi.fn(fakeResolver);
    await checkResolvedHost('loopback.example.com', resolver, cache);
    clock.advance(59_000);
    const again = await checkResolvedHost('loopback.example.com', resolver, cache);
    expect(again.ok).toBe(false);
    expect(resolver).toHaveBeenCalledTimes(1);
  });
});

describe('createResolveCache', () => {
  const ok = { ok: true as const, addresses: ['93.184.215.14'] };

  it('evicts the oldest entries past maxEntries', () => {
    const cache = createResolveCache({ maxEntries: 2, clock: createManualClock() });
    cache.set('a.com', ok);
    cache.set('b.com', ok);
    cache.set('c.com', ok);
    expect(cache.size).toBe(2);
    expect(cache.get('a.com')).toBeUndefined();
    expect(cache.get('b.com')).toEqual(ok);
    expect(cache.get('c.com')).toEqual(ok);
  });

  it('refreshes an entry that is set again', () => {
    const cache = createResolveCache({ maxEntries: 2, clock: createManualClock() });
    cache.set('a.com', ok);
    cache.set('b.com', ok);
    cache.set('a.com', ok);
    cache.set('c.com', ok);
    expect(cache.get('a.com')).toEqual(ok);
    expect(cache.get('b.com')).toBeUndefined();
  });

  it('stores nothing with a zero lifetime', () => {
    const cache = createResolveCache({ ttlMs: 0, clock: createManualClock() });
    cache.set('a.com', ok);
    expect(cache.get('a.com')).toBeUndefined();
  });

  it('drops expired entries on read', () => {
    const clock = createManualClock();
    const cache = createResolveCache({ ttlMs: 1_000, clock });
    cache.set('a.com', ok);
    clock.advance(1_000);
    expect(cache.get('a.com')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
