import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnvilInstance,
  advanceAnvilClockTo,
  anvilDeployerPrivateKey,
  deployPlaza,
  plazaAbi,
  startAnvil,
} from '@plaza/contracts';
import {
  createPublicClient,
  getAbiItem,
  type Hex,
  http,
  parseEther,
  parseEventLogs,
  toFunctionSelector,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { type FaultyRpc, startFaultyRpc } from '#testing/faulty-rpc.ts';
import { seedItems } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';
import { activatePublished } from '../chain/activate-published.ts';
import { createPublisher, type Publisher } from '../chain/create-publisher.ts';
import { datasetDefaultsFor } from '../chain/governance-config.ts';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { freezeAndPublish } from './freeze-and-publish.ts';

const chain = { ...foundry, id: 31337 };
/** The selector of `proposeVersion`, as it appears in a signed transaction's calldata. */
const proposeSelector = toFunctionSelector(
  getAbiItem({ abi: plazaAbi, name: 'proposeVersion' }),
).slice(2);

/**
 * The chain's RPC failing or restarting during publication: the publisher retries, and nothing is
 * registered, proposed or activated twice (activation after the timelock, by the activation loop) — whether the answer of a transaction was lost, the node
 * restarted, or the coordinator gave up half-way and published again later.
 */
describe('publishing through a failing chain RPC', () => {
  let anvil: AnvilInstance;
  let stateDir: string;
  let exportsDir: string;
  let rpc: FaultyRpc;
  let plaza: Hex;
  let usd: Hex;
  let t: TestApp;
  const publisherKey = generatePrivateKey();
  const publisherAddress = privateKeyToAccount(publisherKey).address;

  const startNode = (port = 0) =>
    startAnvil({ port, args: ['--state', join(stateDir, 'state.json')] });
  const client = () => createPublicClient({ chain, transport: http(anvil.rpcUrl) });

  const publisher = (deadlineMs = 30_000): Publisher =>
    createPublisher({
      rpcUrl: rpc.url,
      chainId: 31337,
      plaza,
      privateKey: publisherKey,
      retry: { deadlineMs, initialDelayMs: 100 },
      defaults: datasetDefaultsFor(loadConfig({}), usd),
    });

  /** A campaign with a few items above the floor, ready to freeze. */
  const campaign = async (id: string) => {
    await seedCampaign(t, { id, goldFraction: 0 });
    await seedItems(t, id, [
      { text: `${id}: a story about the harbour works and the new ferry line.`, quality: 0.8 },
      { text: `${id}: a story about the regional elections and their turnout.`, quality: 0.7 },
    ]);
  };

  /** What the publisher put on chain: its events, by name, and how many transactions it sent. */
  const published = async () => {
    const logs = await client().getLogs({ address: plaza, fromBlock: 0n });
    const events = parseEventLogs({ abi: plazaAbi, logs }).map((e) => e.eventName);
    const count = (name: string) => events.filter((e) => e === name).length;
    return {
      registered: count('DatasetRegistered'),
      proposed: count('VersionProposed'),
      activated: count('VersionActivated'),
      transactions: await client().getTransactionCount({ address: publisherAddress }),
    };
  };

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'plaza-chain-state-'));
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-publish-faults-'));
    anvil = await startNode();
    const deployment = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: anvilDeployerPrivateKey,
      testUsd: true,
    });
    plaza = deployment.plaza;
    usd = deployment.testUsd as Hex;
    await client().request({
      method: 'anvil_setBalance' as never,
      params: [publisherAddress, `0x${parseEther('10').toString(16)}`] as never,
    });
    rpc = await startFaultyRpc(anvil.rpcUrl);
    t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir } });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await rpc?.close();
    await anvil?.stop();
    await rm(stateDir, { recursive: true, force: true });
    await rm(exportsDir, { recursive: true, force: true });
  });

  it('publishes once when the answer of every transaction is lost', async () => {
    await campaign('lost');
    const before = await published();
    rpc.loseAnswers('eth_sendRawTransaction', 1_000);
    const { publication } = await freezeAndPublish(
      { ...t.deps, publisher: publisher() },
      { campaignId: 'lost', exportsDir },
    );
    expect(publication).toMatchObject({ version: 1, activated: false });
    // Past the timelock, the activation loop records it, its answers lost too.
    await advanceAnvilClockTo(anvil.rpcUrl, publication!.activatesAt);
    expect(await activatePublished({ publisher: publisher(), config: t.deps.config })).toBe(1);
    rpc.reset();
    const after = await published();
    // One registration, one proposal, one activation: three transactions, however many tries.
    expect(after.registered - before.registered).toBe(1);
    expect(after.proposed - before.proposed).toBe(1);
    expect(after.activated - before.activated).toBe(1);
    expect(after.transactions - before.transactions).toBe(3);
    // … and the publisher never saw the node accept any of them.
    const sends = rpc.calls.filter((m) => m === 'eth_sendRawTransaction').length;
    expect(sends).toBeGreaterThanOrEqual(3);
    expect(rpc.lost.filter((m) => m === 'eth_sendRawTransaction').length).toBe(sends);
  });

  it('carries on when the node restarts in the middle of a proposal', async () => {
    await campaign('restart');
    const before = await published();
    const port = anvil.port;
    // The proposal reaches the node; then the node stops (its state saved) before answering and
    // is down for two seconds, then starts again from its state on the same port.
    rpc.afterNext('eth_sendRawTransaction', proposeSelector, async () => {
      rpc.setDown(true);
      await anvil.stop();
      setTimeout(async () => {
        anvil = await startNode(port);
        rpc.setDown(false);
      }, 2_000);
    });
    const { publication } = await freezeAndPublish(
      { ...t.deps, publisher: publisher() },
      { campaignId: 'restart', exportsDir },
    );
    expect(publication).toMatchObject({ version: 1, activated: false });
    const after = await published();
    expect(after.registered - before.registered).toBe(1);
    expect(after.proposed - before.proposed).toBe(1);
    expect(after.transactions - before.transactions).toBe(2);
  });

  it('gives up with UNAVAILABLE while the chain is down, and a later try publishes once', async () => {
    await campaign('later');
    const before = await published();
    // The registration lands but its answer is lost, and the chain stays away past the deadline:
    // the coordinator has not written dataset.json when it gives up.
    rpc.afterNext('eth_sendRawTransaction', '', async () => rpc.setDown(true));
    const error = await freezeAndPublish(
      { ...t.deps, publisher: publisher(1_500) },
      { campaignId: 'later', exportsDir },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNAVAILABLE');
    expect(await readdir(join(exportsDir, 'later'))).not.toContain('dataset.json');

    // The chain is back; a new publisher (as after a restart of the coordinator) tries again.
    rpc.setDown(false);
    const { publication } = await freezeAndPublish(
      { ...t.deps, publisher: publisher() },
      { campaignId: 'later', exportsDir },
    );
    expect(publication).toMatchObject({ version: 1, activated: false });
    const after = await published();
    expect(after.registered - before.registered).toBe(1);
    expect(after.proposed - before.proposed).toBe(1);
    expect(after.transactions - before.transactions).toBe(2);
  });

  it('publishes a proposed version as it is after a crash, instead of freezing another', async () => {
    await campaign('crash');
    await freezeAndPublish(
      { ...t.deps, publisher: publisher() },
      { campaignId: 'crash', exportsDir },
    );
    await seedItems(t, 'crash', [
      { text: 'crash: a third story, about the new library opening.', quality: 0.9 },
    ]);
    const before = await published();
    // Version 2's proposal lands, its answer is lost, the coordinator gives up before recording it.
    rpc.afterNext('eth_sendRawTransaction', proposeSelector, async () => rpc.setDown(true));
    await expect(
      freezeAndPublish(
        { ...t.deps, publisher: publisher(1_000) },
        { campaignId: 'crash', exportsDir },
      ),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    rpc.setDown(false);
    const { publication, manifest } = await freezeAndPublish(
      { ...t.deps, publisher: publisher() },
      { campaignId: 'crash', exportsDir },
    );
    expect(publication).toMatchObject({ version: 2, activated: false });
    expect(manifest.version).toBe(2);
    expect(await readdir(join(exportsDir, 'crash'))).not.toContain('v3');
    const after = await published();
    expect(after.proposed - before.proposed).toBe(1);
    expect(after.transactions - before.transactions).toBe(1);
  });
});
