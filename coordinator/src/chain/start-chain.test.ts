import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
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
    const config = loadConfig({ PLAZA_DATA_DIR: dataDir, PLAZA_ANVIL_PORT: '0' });
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

    // Restarted on the port it had (PLAZA_ANVIL_PORT): the same URL, chain id and contracts.
    const port = new URL(first!.rpcUrl).port;
    const second = await startChain({ ...config, PLAZA_ANVIL_PORT: Number(port) }, logger);
    expect(second!.rpcUrl).toBe(first!.rpcUrl);
    expect(second!.chainId).toBe(31337);
    expect(second!.plaza).toBe(first!.plaza);
    expect(second!.testUsd).toBe(first!.testUsd);
    await second!.stop();
  });

  it('refuses a busy PLAZA_ANVIL_PORT with a coded error, not a crash', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const config = loadConfig({ PLAZA_DATA_DIR: dataDir, PLAZA_ANVIL_PORT: String(port) });
      const error = await startChain(config, logger).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ChainConfigError);
      expect((error as ChainConfigError).code).toBe('ANVIL_PORT_BUSY');
      expect((error as ChainConfigError).message).toContain(`PLAZA_ANVIL_PORT ${port} is in use`);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('listens on 8545 unless told otherwise', () => {
    expect(loadConfig({}).PLAZA_ANVIL_PORT).toBe(8545);
  });

  it('is off when asked, and explains a missing RPC URL', async () => {
    expect(await startChain(loadConfig({ PLAZA_CHAIN: 'off' }), logger)).toBeNull();
    await expect(startChain(loadConfig({ PLAZA_CHAIN: 'rpc' }), logger)).rejects.toBeInstanceOf(
      ChainConfigError,
    );
  });
});
