import {
  type AnvilInstance,
  anvilDeployerPrivateKey,
  startAnvil,
  testUsdAbi,
  testUsdBytecode,
} from '@plaza/contracts';
import { readBody } from '@plaza/test-kit/http';
import { type Address, createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { signInLabeler } from '#testing/labeling.ts';
import { chainAccessFor } from '../../chain/chain-access.ts';
import { createManualClock } from '../../clock.ts';
import { loadConfig } from '../../config.ts';

interface ErrorBody {
  error: { code: string; details?: { nextDripAt?: string } };
}

describe('POST /v1/chain/faucet', () => {
  let anvil: AnvilInstance;
  let token: Address;
  let t: TestApp | undefined;
  const clock = createManualClock(new Date('2026-03-01T12:00:00Z'));
  const chain = {
    id: 31337,
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  };

  beforeAll(async () => {
    anvil = await startAnvil();
    const rpcUrls = { default: { http: [anvil.rpcUrl] } };
    const deployer = createWalletClient({
      account: privateKeyToAccount(anvilDeployerPrivateKey),
      chain: { ...chain, rpcUrls },
      transport: http(anvil.rpcUrl),
    });
    const hash = await deployer.deployContract({ abi: testUsdAbi, bytecode: testUsdBytecode });
    const receipt = await createPublicClient({
      transport: http(anvil.rpcUrl),
    }).waitForTransactionReceipt({ hash });
    token = receipt.contractAddress as Address;
  });
  afterAll(() => anvil?.stop());
  afterEach(() => t?.close());

  const localApp = () =>
    createTestApp({
      chainAccess: chainAccessFor(
        loadConfig({}),
        { rpcUrl: anvil.rpcUrl, isLocal: true, testUsd: token },
        clock,
      ),
    });
  const balances = async (account: Address) => {
    const pub = createPublicClient({ transport: http(anvil.rpcUrl) });
    const tokens = await pub.readContract({
      address: token,
      abi: testUsdAbi,
      functionName: 'balanceOf',
      args: [account],
    });
    return { tokens, ether: await pub.getBalance({ address: account }) };
  };

  it('is refused with FAUCET_UNAVAILABLE where the chain is not the local anvil', async () => {
    t = await createTestApp({ env: { PLAZA_CHAIN: 'rpc', PLAZA_CHAIN_ID: '8453' } });
    const labeler = await signInLabeler(t);
    const res = await labeler.post('/v1/chain/faucet', {});
    expect(res.status).toBe(409);
    expect(((await readBody(res)) as ErrorBody).error.code).toBe('FAUCET_UNAVAILABLE');
  });

  it('is refused without a session, and gives nothing', async () => {
    t = await localApp();
    const res = await t.app.request('/v1/chain/faucet', { method: 'POST' });
    expect(res.status).toBe(401);
    expect(((await readBody(res)) as ErrorBody).error.code).toBe('SESSION_INVALID');
    const forged = await t.app.request('/v1/chain/faucet', {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-session' },
    });
    expect(forged.status).toBe(401);
  });

  it('gives a signed-in account test tokens and gas once per hour, even when asked twice at once', async () => {
    t = await localApp();
    const labeler = await signInLabeler(t);
    expect(await balances(labeler.address)).toEqual({ tokens: 0n, ether: 0n });
    const [first, second] = await Promise.all([
      labeler.post('/v1/chain/faucet', {}),
      labeler.post('/v1/chain/faucet', {}),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 429]);
    const refused = (await readBody(first.status === 429 ? first : second)) as ErrorBody;
    expect(refused.error.code).toBe('FAUCET_RATE_LIMITED');
    expect(refused.error.details?.nextDripAt).toBe('2026-03-01T13:00:00.000Z');
    expect(await balances(labeler.address)).toEqual({
      tokens: 1_000_000_000n,
      ether: 10n * 10n ** 18n,
    });

    // Asked again within the hour: refused, nothing more minted.
    clock.advance(59 * 60_000);
    const again = await labeler.post('/v1/chain/faucet', {});
    expect(again.status).toBe(429);
    expect((await balances(labeler.address)).tokens).toBe(1_000_000_000n);

    // An hour after the drip: given again.
    clock.advance(60_000);
    const later = await labeler.post('/v1/chain/faucet', {});
    expect(later.status).toBe(200);
    expect(await readBody(later)).toMatchObject({
      token: token.toLowerCase(),
      amount: '1000000000',
    });
    expect((await balances(labeler.address)).tokens).toBe(2_000_000_000n);
  });

  it('tells the web app how to add the local chain and that it has a faucet', async () => {
    t = await localApp();
    expect(await readBody(t.app.request('/v1/chain/info'))).toMatchObject({
      chainId: 31337,
      name: 'Plaza local (anvil)',
      rpcUrl: anvil.rpcUrl,
      isLocal: true,
      faucet: { token: token.toLowerCase(), amount: '1000000000', symbol: 'TUSD', decimals: 6 },
    });
  });
});
