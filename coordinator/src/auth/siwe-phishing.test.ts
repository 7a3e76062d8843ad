import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { readBody } from '@plaza/test-kit/http';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';

/**
 * Sends a raw HTTP request to the listening coordinator: `target` goes on the request line as it
 * is (an absolute-form `http://host/path` too) and `host` in the `Host` header, as an attacker
 * sends them.
 */
function send(port: number, params: { target: string; host: string; body?: unknown }) {
  const body = JSON.stringify(params.body ?? {});
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary fields of the answer.
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: params.target,
        headers: { host: params.host, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A phishing site (phish.example) gets a user, here an admin, to sign a Sign-In with Ethereum
 * message for its own domain, then replays it to the coordinator with its own `Host`, or with an
 * absolute-form request line naming its host. The coordinator must check the message against its
 * configured public origin only.
 */
describe('Sign-In with Ethereum against a phishing site', () => {
  const admin = privateKeyToAccount(generatePrivateKey());
  let t: TestApp;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({
      env: { PLAZA_ADMIN_ADDRESSES: admin.address, PLAZA_PUBLIC_URL: 'http://127.0.0.1:8787' },
    });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  /** The phishing site's message: its own domain and URI, the coordinator's nonce and chain. */
  const phishingMessage = (nonce: { nonce: string; chainId: number }) =>
    createSiweMessage({
      address: admin.address,
      chainId: nonce.chainId,
      domain: 'phish.example',
      nonce: nonce.nonce,
      uri: 'https://phish.example/',
      version: '1',
      statement: 'Sign in to Plaza to label data.',
      issuedAt: t.clock.now(),
    });

  it('names its public origin in the nonce, whatever Host the request carried', async () => {
    const nonce = await send(port, { target: '/v1/auth/nonce', host: 'phish.example' });
    expect(nonce.status).toBe(200);
    expect(nonce.json).toMatchObject({ domain: '127.0.0.1:8787', uri: 'http://127.0.0.1:8787' });
    const absolute = await send(port, {
      target: 'http://phish.example/v1/auth/nonce',
      host: 'phish.example',
    });
    expect(absolute.json.domain).toBe('127.0.0.1:8787');
  });

  it("refuses the phishing site's signed message replayed with its own Host", async () => {
    const { json: nonce } = await send(port, { target: '/v1/auth/nonce', host: 'phish.example' });
    const message = phishingMessage(nonce as { nonce: string; chainId: number });
    const signature = await admin.signMessage({ message });
    const res = await send(port, {
      target: '/v1/auth/siwe',
      host: 'phish.example',
      body: { message, signature },
    });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('SIWE_INVALID');
    expect(res.json.error.message).toMatch(/names phish\.example, not 127\.0\.0\.1:8787/);
    expect(res.json.token).toBeUndefined();
  });

  it('refuses it through an absolute-form request line too', async () => {
    const { json: nonce } = await send(port, { target: '/v1/auth/nonce', host: 'phish.example' });
    const message = phishingMessage(nonce as { nonce: string; chainId: number });
    const signature = await admin.signMessage({ message });
    const res = await send(port, {
      target: 'http://phish.example/v1/auth/siwe',
      host: `127.0.0.1:${port}`,
      body: { message, signature },
    });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('SIWE_INVALID');
  });

  it('refuses a URI off the public origin and a scheme it does not serve', async () => {
    const cases: Array<[Partial<Parameters<typeof createSiweMessage>[0]>, RegExp]> = [
      [{ uri: 'https://phish.example/login' }, /URI https:\/\/phish\.example\/login/],
      [{ uri: 'http://127.0.0.1:9999/' }, /not on http:\/\/127\.0\.0\.1:8787/],
      [{ scheme: 'https' }, /scheme https/],
    ];
    for (const [override, reason] of cases) {
      const { json: nonce } = await send(port, { target: '/v1/auth/nonce', host: 'x' });
      const message = createSiweMessage({
        address: admin.address,
        chainId: nonce.chainId,
        domain: nonce.domain,
        nonce: nonce.nonce,
        uri: nonce.uri,
        version: '1',
        issuedAt: t.clock.now(),
        ...override,
      });
      const res = await send(port, {
        target: '/v1/auth/siwe',
        host: nonce.domain,
        body: { message, signature: await admin.signMessage({ message }) },
      });
      expect(res.status, String(reason)).toBe(401);
      expect(res.json.error.message).toMatch(reason);
    }
  });

  it('signs the admin in with a message for its public origin, from any Host', async () => {
    const { json: nonce } = await send(port, { target: '/v1/auth/nonce', host: 'phish.example' });
    const message = createSiweMessage({
      address: admin.address,
      chainId: nonce.chainId,
      domain: nonce.domain,
      nonce: nonce.nonce,
      uri: `${nonce.uri}/#/label`,
      version: '1',
      issuedAt: t.clock.now(),
    });
    const res = await t.app.request('/v1/auth/siwe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, signature: await admin.signMessage({ message }) }),
    });
    expect(res.status).toBe(200);
    expect((await readBody(res)).roles).toContain('admin');
  });
});
