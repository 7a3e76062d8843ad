import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anvilAccount, plazaAbi } from '@plaza/contracts';
import { createPublicClient, http } from 'viem';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../observability/logger.ts';
import { ChainConfigError, startChain } from './start-chain.ts';

describe('startChain', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaza-chain-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const logger = createLogger('silent');

  it('deploys on a local anvil once and finds the same contracts after a restart', async () => {
    const config = loadConfig({ PLAZA_DATA_DIR: dataDir });
    const first = await startChain(config, logger);
    expect(first).toMatchObject({ chainId: 31337, isLocal: true });
    const client = createPublicClient({ transport: http(first!.rpcUrl) });
    const datasetCount = await client.readContract({
      address: first!.plaza,
      abi: plazaAbi,
      functionName: 'datasetCount',
    });
    expect(datasetCount).toBe(0n);
    expect(first!.testUsd).toMatch(/^0x[0-9a-fA-F]{40}$/);
    // The guardian is not the publisher (anvil's account 0): anvil's account 1.
    const guardian = await client.readContract({
      address: first!.plaza,
      abi: plazaAbi,
      functionName: 'guardian',
    });
    expect(guardian).toBe(anvilAccount(1).address);
    await first!.stop();

    const second = await startChain(config, logger);
    expect(second!.plaza).toBe(first!.plaza);
    expect(second!.testUsd).toBe(first!.testUsd);
    await second!.stop();
  });

  it('is off when asked, and explains a missing RPC URL', async () => {
    expect(await startChain(loadConfig({ PLAZA_CHAIN: 'off' }), logger)).toBeNull();
    await expect(startChain(loadConfig({ PLAZA_CHAIN: 'rpc' }), logger)).rejects.toBeInstanceOf(
      ChainConfigError,
    );
  });
});
