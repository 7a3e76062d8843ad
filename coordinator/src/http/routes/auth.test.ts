import { readBody } from '@plaza/test-kit/http';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { siweMessage as makeMessage, signInLabeler } from '#testing/labeling.ts';

describe('/v1/auth (Sign-In with Ethereum)', () => {
  let t: TestApp;
  const admin = privateKeyToAccount(generatePrivateKey());
  beforeEach(async () => {
    t = await createTestApp({ env: { PLAZA_ADMIN_ADDRESSES: admin.address } });
  });
  afterEach(() => t.close());

  const siweMessage = (...[account, fields, overrides]: Parameters<typeof makeMessage>) =>
    makeMessage(account, fields, { issuedAt: t.clock.now(), ...overrides });
  const nonce = async () =>
    readBody(t.app.request('/v1/auth/nonce', { method: 'POST' })) as Promise<{
      nonce: string;
      domain: string;
      chainId: number;
    }>;
  const signIn = (message: string, signature: string) =>
    t.app.request('/v1/auth/siwe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, signature }),
    });

  it('signs in, tells the session and its roles, and signs out', async () => {
    const labeler = await signInLabeler(t);
    expect(labeler.session.roles).toEqual(['labeler']);
    const session = await readBody(labeler.get('/v1/auth/session'));
    expect(session).toMatchObject({ address: labeler.address, roles: ['labeler'] });
    const boss = await signInLabeler(t, admin);
    expect(boss.session.roles).toEqual(['labeler', 'reviewer', 'admin']);
    expect((await labeler.post('/v1/auth/signout', {})).status).toBe(200);
    const after = await labeler.get('/v1/auth/session');
    expect(after.status).toBe(401);
    expect((await readBody(after)).error.code).toBe('SESSION_INVALID');
  });

  it('refuses a replayed message', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const message = siweMessage(account, await nonce(), { issuedAt: t.clock.now() });
    const signature = await account.signMessage({ message });
    expect((await signIn(message, signature)).status).toBe(200);
    const replay = await signIn(message, signature);
    expect(replay.status).toBe(401);
    expect((await readBody(replay)).error).toMatchObject({ code: 'SIWE_INVALID' });
  });

  it('refuses another domain, another chain, a forged signature, an expired nonce', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const other = privateKeyToAccount(generatePrivateKey());
    const cases: Array<[string, () => Promise<[string, string]>, RegExp]> = [
      [
        'domain',
        async () => {
          const message = siweMessage(account, { ...(await nonce()), domain: 'evil.example' });
          return [message, await account.signMessage({ message })];
        },
        /names evil\.example/,
      ],
      [
        'chain',
        async () => {
          const message = siweMessage(account, { ...(await nonce()), chainId: 1 });
          return [message, await account.signMessage({ message })];
        },
        /chain 1/,
      ],
      [
        'signature',
        async () => {
          const message = siweMessage(account, await nonce());
          return [message, await other.signMessage({ message })];
        },
        /signature/,
      ],
      [
        'unknown nonce',
        async () => {
          const message = siweMessage(account, { ...(await nonce()), nonce: 'abcdefgh12345678' });
          return [message, await account.signMessage({ message })];
        },
        /nonce/,
      ],
      [
        'expired nonce',
        async () => {
          const fresh = await nonce();
          t.clock.advance(11 * 60_000);
          const message = siweMessage(account, fresh, { issuedAt: t.clock.now() });
          return [message, await account.signMessage({ message })];
        },
        /nonce/,
      ],
    ];
    for (const [name, make, reason] of cases) {
      const [message, signature] = await make();
      const res = await signIn(message, signature);
      expect(res.status, name).toBe(401);
      const { error } = await readBody(res);
      expect(error.code, name).toBe('SIWE_INVALID');
      expect(error.message, name).toMatch(reason);
    }
    const garbage = await signIn('hello', `0x${'00'.repeat(65)}`);
    expect(garbage.status).toBe(401);
  });

  it('lets an admin session administer campaigns, not a labeler session', async () => {
    const labeler = await signInLabeler(t);
    const boss = await signInLabeler(t, admin);
    const body = {
      id: 'wallet-made',
      name: 'Made from the web app',
      scope: { hosts: ['news.example.com'] },
      labelSchema: { kind: 'classification', classes: ['a', 'b'] },
    };
    expect((await labeler.post('/v1/campaigns', body)).status).toBe(401);
    expect((await boss.post('/v1/campaigns', body)).status).toBe(201);
  });
});
