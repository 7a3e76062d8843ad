import { readBody } from '@plaza/test-kit/http';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { signInLabeler } from '#testing/labeling.ts';
import { registerTestDevice } from '#testing/seed.ts';
import { createManualClock } from '../../clock.ts';
import { clientKey, isInCidr, parseCidr } from './cidr.ts';
import { createTokenBuckets } from './token-buckets.ts';

/** What the Node adapter passes as `c.env`: a request from `address`. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

describe('token buckets', () => {
  it('allow a minute of requests at once, then one per 60/perMinute seconds', () => {
    const clock = createManualClock();
    const buckets = createTokenBuckets({ clock });
    for (let i = 0; i < 6; i++) expect(buckets.take('a', 6)).toEqual({ ok: true });
    expect(buckets.take('a', 6)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(buckets.take('b', 6)).toEqual({ ok: true });
    clock.advance(9_999);
    expect(buckets.take('a', 6).ok).toBe(false);
    clock.advance(1);
    expect(buckets.take('a', 6)).toEqual({ ok: true });
  });

  it('hold at most maxKeys buckets, dropping the least recently used', () => {
    const buckets = createTokenBuckets({ clock: createManualClock(), maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'a', 'd']) buckets.take(key, 1);
    expect(buckets.size).toBe(3);
    // 'b' went first: it comes back full; 'a' was used since and is still empty.
    expect(buckets.take('b', 1).ok).toBe(true);
    expect(buckets.take('a', 1).ok).toBe(false);
  });
});

describe('address ranges', () => {
  it('match IPv4 (also as ::ffff:a.b.c.d) and IPv6 prefixes, and key IPv6 clients by /64', () => {
    const loopback = parseCidr('127.0.0.0/8')!;
    expect(isInCidr(parseCidr('127.9.9.9')!.bytes, loopback)).toBe(true);
    expect(isInCidr(parseCidr('::ffff:127.0.0.1')!.bytes, loopback)).toBe(true);
    expect(isInCidr(parseCidr('128.0.0.1')!.bytes, loopback)).toBe(false);
    const net = parseCidr('2001:db8::/33')!;
    expect(isInCidr(parseCidr('2001:db8:7fff::1')!.bytes, net)).toBe(true);
    expect(isInCidr(parseCidr('2001:db8:8000::1')!.bytes, net)).toBe(false);
    for (const bad of ['10.0.0.0/33', '::/129', 'host.example', '1.2.3.4/8/1', '1.2.3.4/']) {
      expect(parseCidr(bad), bad).toBeNull();
    }
    const key = (ip: string) => clientKey(parseCidr(ip)!.bytes);
    expect(key('2001:db8::1')).toBe(key('2001:db8::ffff:2'));
    expect(key('2001:db8::1')).not.toBe(key('2001:db8:0:1::1'));
    expect(key('::ffff:203.0.113.7')).toBe('ip:203.0.113.7');
  });
});

describe('rate limiting (PLAZA_RATE_LIMIT_*)', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  const expectLimited = async (res: Response, retryAfter: string) => {
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(retryAfter);
    const body = await readBody(res);
    expect(body.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
  };

  it('limits each client address, not loopback, and refills with time', async () => {
    t = await createTestApp({
      env: { PLAZA_RATE_LIMIT: 'true', PLAZA_RATE_LIMIT_IP_PER_MINUTE: '5' },
    });
    const get = (address: string) => t.app.request('/healthz', {}, from(address));
    for (let i = 0; i < 5; i++) expect((await get('203.0.113.7')).status).toBe(200);
    await expectLimited(await get('203.0.113.7'), '12');
    await expectLimited(await get('::ffff:203.0.113.7'), '12');
    expect((await get('203.0.113.8')).status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await get('127.0.0.1')).status).toBe(200);
    t.clock.advance(12_000);
    expect((await get('203.0.113.7')).status).toBe(200);
    await expectLimited(await get('203.0.113.7'), '12');
  });

  it('reads X-Forwarded-For only from a trusted proxy', async () => {
    t = await createTestApp({
      env: {
        PLAZA_RATE_LIMIT: 'true',
        PLAZA_RATE_LIMIT_IP_PER_MINUTE: '2',
        PLAZA_TRUSTED_PROXIES: '10.0.0.0/8',
      },
    });
    const viaProxy = (forwardedFor: string) =>
      t.app.request('/healthz', { headers: { 'x-forwarded-for': forwardedFor } }, from('10.1.1.1'));
    // The client's own left-most entry is never reached: the proxy appended the real peer.
    expect((await viaProxy('127.0.0.1, 198.51.100.4')).status).toBe(200);
    expect((await viaProxy('1.1.1.1, 198.51.100.4')).status).toBe(200);
    await expectLimited(await viaProxy('198.51.100.4'), '30');
    expect((await viaProxy('198.51.100.5')).status).toBe(200);
    // An untrusted peer's header is ignored: it is limited as itself.
    const direct = (forwardedFor: string) =>
      t.app.request(
        '/healthz',
        { headers: { 'x-forwarded-for': forwardedFor } },
        from('192.0.2.1'),
      );
    expect((await direct('203.0.113.1')).status).toBe(200);
    expect((await direct('203.0.113.2')).status).toBe(200);
    await expectLimited(await direct('203.0.113.3'), '30');
  });

  it('limits each device and each signed-in account on their own, also on loopback', async () => {
    t = await createTestApp({
      env: {
        PLAZA_RATE_LIMIT: 'true',
        PLAZA_RATE_LIMIT_DEVICE_PER_MINUTE: '3',
        PLAZA_RATE_LIMIT_SESSION_PER_MINUTE: '2',
      },
    });
    const [a, b] = [await registerTestDevice(t), await registerTestDevice(t)];
    for (let i = 0; i < 3; i++) expect((await a.lease()).status).toBe(200);
    await expectLimited(await a.lease(), '20');
    expect((await b.lease()).status).toBe(200);

    const labeler = await signInLabeler(t);
    expect((await labeler.get('/v1/auth/session')).status).toBe(200);
    expect((await labeler.get('/v1/auth/session')).status).toBe(200);
    await expectLimited(await labeler.get('/v1/auth/session'), '30');
  });

  it('keeps a fleet of 500 simulated devices on loopback working with the defaults', async () => {
    t = await createTestApp({ env: { PLAZA_RATE_LIMIT: 'true' } });
    // Every request of the fleet comes from 127.0.0.1, as in the end-to-end specs and benches.
    const request: typeof t.app.request = (input, init) =>
      t.app.request(input, init, from('127.0.0.1'));
    const onLoopback = { ...t, app: { ...t.app, request } } as TestApp;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 500; i++) {
      const device = await registerTestDevice(onLoopback);
      for (let j = 0; j < 2; j++) {
        const res = await device.lease();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }
    expect([...statuses.keys()]).toEqual([200]);
  }, 300_000);

  it('limits nothing when turned off', async () => {
    t = await createTestApp({
      env: { PLAZA_RATE_LIMIT: 'false', PLAZA_RATE_LIMIT_IP_PER_MINUTE: '1' },
    });
    for (let i = 0; i < 10; i++) {
      expect((await t.app.request('/healthz', {}, from('203.0.113.7'))).status).toBe(200);
    }
  });
});
