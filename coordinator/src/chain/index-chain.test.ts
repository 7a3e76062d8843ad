import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnvilInstance,
  anvilDeployerPrivateKey,
  deployPlaza,
  plazaAbi,
  startAnvil,
} from '@plaza/contracts';
import type { Db } from '@plaza/db';
import { createTestDb } from '@plaza/db/testing';
import { sql } from 'drizzle-orm';
import { createPublicClient, http, parseEventLogs } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createPublisher, type Publisher } from './create-publisher.ts';
import { datasetDefaultsFor } from './governance-config.ts';
import { indexChain } from './index-chain.ts';

describe('the chain indexer', () => {
  let anvil: AnvilInstance;
  let db: Db;
  let publisher: Publisher;
  let plaza: `0x${string}`;
  const client = () =>
    createPublicClient({ chain: { ...foundry, id: 31337 }, transport: http(anvil.rpcUrl) });
  const rpc = (method: string, params: unknown[] = []) =>
    client().request({ method: method as never, params: params as never });
  const indexed = async () =>
    (
      await db.rows<{ tx_hash: string; log_index: number; name: string }>(
        sql`select tx_hash, log_index, name from chain_events order by block_number, log_index`,
      )
    ).map((row) => `${row.name}@${row.tx_hash}:${row.log_index}`);
  const onChain = async () => {
    const logs = await client().getLogs({ address: plaza, fromBlock: 0n, toBlock: 'latest' });
    return parseEventLogs({ abi: plazaAbi, logs }).map(
      (log) => `${log.eventName}@${log.transactionHash}:${log.logIndex}`,
    );
  };
  const params = (confirmations = 0, maxBlocks = 2000) => ({
    client: client(),
    chainId: 31337,
    plaza,
    confirmations,
    maxBlocks,
  });

  beforeAll(async () => {
    anvil = await startAnvil();
    const deployment = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: anvilDeployerPrivateKey,
      testUsd: true,
    });
    plaza = deployment.plaza;
    publisher = createPublisher({
      rpcUrl: anvil.rpcUrl,
      chainId: 31337,
      plaza,
      privateKey: anvilDeployerPrivateKey,
      defaults: datasetDefaultsFor(loadConfig({}), deployment.testUsd as `0x${string}`),
    });
    db = await createTestDb();
    // Three datasets, in three blocks.
    for (let i = 0; i < 3; i++) {
      await publisher.ensureDataset(await mkdtemp(join(tmpdir(), 'plaza-index-')));
    }
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await anvil?.stop();
  });

  it('leaves unconfirmed blocks alone, stops and resumes without missing or repeating', async () => {
    const head = Number(await client().getBlockNumber());
    // Nothing younger than 3 confirmations.
    await indexChain({ db }, params(head + 1));
    expect(await indexed()).toEqual([]);
    // A few blocks per step, as if the process were stopped between steps.
    for (let step = 0; step < 2; step++) await indexChain({ db }, params(0, 2));
    const partial = await indexed();
    expect(partial.length).toBeLessThan((await onChain()).length);
    // "Restart": new steps pick up at the cursor, and a step run twice adds nothing.
    for (let step = 0; step < 20; step++) await indexChain({ db }, params(0, 2));
    await indexChain({ db }, params(0));
    expect(await indexed()).toEqual(await onChain());
    const registered = await db.rows<{ dataset_id: number; account: string }>(
      sql`select dataset_id, account from chain_events where name = 'DatasetRegistered' order by 1`,
    );
    expect(registered.map((row) => Number(row.dataset_id))).toEqual([1, 2, 3]);
    expect(registered[0]?.account).toBe(publisher.address.toLowerCase());
  });

  it('drops the events of blocks a reorg replaced, and indexes the new ones', async () => {
    const snapshot = await rpc('evm_snapshot');
    await publisher.ensureDataset(await mkdtemp(join(tmpdir(), 'plaza-index-')));
    await indexChain({ db }, params(0));
    expect(await indexed()).toHaveLength((await onChain()).length);
    const withFourth = await indexed();
    // The block with the fourth dataset is replaced by empty blocks.
    await rpc('evm_revert', [snapshot]);
    await rpc('anvil_mine', ['0x3']);
    const result = await indexChain({ db }, params(0));
    expect(result.rewoundTo).not.toBeNull();
    const after = await indexed();
    expect(after).toEqual(await onChain());
    expect(after.length).toBe(withFourth.length - 1);
  });
});
