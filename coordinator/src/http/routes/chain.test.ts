import { readBody } from '@plaza/test-kit/http';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import type { Publisher } from '../../chain/create-publisher.ts';

describe('chain routes', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it("tells the web app the chain and the Plaza contract's address", async () => {
    // The route reads only the contract's address from the publisher.
    const publisher = {
      plaza: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    } as unknown as Publisher;
    t = await createTestApp({
      env: { PLAZA_CHAIN_ID: '1337', PLAZA_PUBLIC_RPC_URL: 'https://rpc.example.org/' },
      publisher,
    });
    const res = await t.app.request('/v1/chain/info');
    expect(res.status).toBe(200);
    // Not the local anvil: the public RPC URL is offered to wallets, and there is no faucet.
    expect(await readBody(res)).toEqual({
      chainId: 1337,
      plaza: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
      name: 'Plaza chain 1337',
      rpcUrl: 'https://rpc.example.org/',
      isLocal: false,
      faucet: null,
    });
  });

  it('answers a null contract when the coordinator runs without a chain', async () => {
    t = await createTestApp();
    expect(await readBody(t.app.request('/v1/chain/info'))).toEqual({
      chainId: 31337,
      plaza: null,
      name: 'Plaza chain 31337',
      rpcUrl: null,
      isLocal: false,
      faucet: null,
    });
  });
});
