import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createPublicClient, getContract, http } from 'viem';
import { describe, expect, it } from 'vitest';
import { camelCase, kebabCase } from '../scripts/compile.ts';
import * as contracts from '../src/index.ts';
import {
  AnvilStartError,
  anvilAccount,
  deployPlaza,
  resolveAnvilBinary,
  startAnvil,
} from '../src/index.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('startAnvil', () => {
  it('finds the binary of the installed package', () => {
    expect(existsSync(resolveAnvilBinary())).toBe(true);
  });

  it('starts on a free port, answers JSON-RPC, and stops', async () => {
    const anvil = await startAnvil({ chainId: 4242 });
    expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${anvil.port}`);
    const client = createPublicClient({ transport: http(anvil.rpcUrl, { retryCount: 0 }) });
    expect(await client.getChainId()).toBe(4242);
    await anvil.stop();
    await anvil.stop();
    await expect(client.getChainId()).rejects.toThrow();
  });

  it('starts on the port it is given', async () => {
    const port = await freePort();
    const anvil = await startAnvil({ port });
    try {
      expect(anvil.port).toBe(port);
    } finally {
      await anvil.stop();
    }
  });

  it('fails with AnvilStartError when the binary cannot start', async () => {
    const error = await startAnvil({ binary: '/nonexistent/anvil' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnvilStartError);
    expect((error as AnvilStartError).code).toBe('ANVIL_START_FAILED');
  });
});

describe('deployPlaza', () => {
  it('deploys Plaza and TestUSD with a private key and mints to the accounts asked', async () => {
    const anvil = await startAnvil();
    try {
      const holder = anvilAccount(3).address;
      const deployment = await deployPlaza({
        rpcUrl: anvil.rpcUrl,
        privateKey: contracts.anvilDeployerPrivateKey,
        testUsd: { mintTo: [holder], mintAmount: 5_000_000n },
      });
      expect(deployment.chainId).toBe(31337);
      expect(deployment.deployer).toBe(anvilAccount(0).address);
      expect(deployment.guardian).toBe(deployment.deployer);
      expect(deployment.blockNumber).toBeGreaterThan(0n);
      const client = createPublicClient({ transport: http(anvil.rpcUrl) });
      const plaza = getContract({ address: deployment.plaza, abi: contracts.plazaAbi, client });
      expect(await plaza.read.guardian()).toBe(deployment.deployer);
      const usd = getContract({ address: deployment.testUsd!, abi: contracts.testUsdAbi, client });
      expect(await usd.read.decimals()).toBe(6);
      expect(await usd.read.symbol()).toBe('TUSD');
      expect(await usd.read.balanceOf([holder])).toBe(5_000_000n);

      const second = await deployPlaza({
        rpcUrl: anvil.rpcUrl,
        privateKey: contracts.anvilDeployerPrivateKey,
        guardian: holder,
      });
      expect(second.testUsd).toBeUndefined();
      expect(second.plaza).not.toBe(deployment.plaza);
      expect(
        await getContract({
          address: second.plaza,
          abi: contracts.plazaAbi,
          client,
        }).read.guardian(),
      ).toBe(holder);
    } finally {
      await anvil.stop();
    }
  });
});

describe('package surface', () => {
  it('exports ABIs, bytecode, helpers and enums', () => {
    expect(contracts.plazaBytecode).toMatch(/^0x[0-9a-f]+$/);
    expect(
      contracts.plazaAbi.some(
        (item) => item.type === 'function' && item.name === 'hasValidLicense',
      ),
    ).toBe(true);
    expect(contracts.versionStatus.active).toBe(2);
    expect(contracts.proposalOutcome.refunded).toBe(5);
    expect(contracts.proposalStatus.open).toBe(1);
    expect(typeof contracts.buildSharesTree).toBe('function');
  });

  it('names generated modules after their contracts', () => {
    expect(kebabCase('TestUSD')).toBe('test-usd');
    expect(camelCase('TestUSD')).toBe('testUsd');
    expect(kebabCase('FeeOnTransferToken')).toBe('fee-on-transfer-token');
    expect(camelCase('Plaza')).toBe('plaza');
  });
});
