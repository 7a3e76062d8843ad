import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnvilInstance,
  anvilDeployerPrivateKey,
  deployPlaza,
  plazaAbi,
  startAnvil,
} from '@plaza/contracts';
import { createPublicClient, createWalletClient, http, keccak256, parseEther } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublisher, type Publisher } from '../chain/create-publisher.ts';
import { aggregateCampaign } from '../labeling/aggregate-campaign.ts';
import { createTestApp, type TestApp } from '../testing/create-test-app.ts';
import { seedItems, signInLabeler } from '../testing/labeling.ts';
import { readBody } from '../testing/read-body.ts';
import { seedCampaign } from '../testing/seed.ts';
import { freezeVersion } from './freeze-version.ts';
import { verifyVersion } from './verify-version.ts';

const cls = (c: number) => ({ kind: 'classification', class: c });

/** Freeze → publish on a real anvil with the deployed contracts → a labeler claims their shares. */
describe('publishing a frozen version on chain', () => {
  let anvil: AnvilInstance;
  let t: TestApp;
  let publisher: Publisher;
  let plaza: `0x${string}`;
  let exportsDir: string;
  let labelers: Array<Awaited<ReturnType<typeof signInLabeler>>>;
  const chain = { ...foundry, id: 31337 };

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
      defaults: {
        votingPeriod: 3600,
        quorumBps: 2000,
        rootTimelock: 0,
        maxLicenseDuration: 365 * 86_400,
        reservePrice: 10n ** 6n,
        paymentTokens: [deployment.testUsd as `0x${string}`],
      },
    });
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-publish-'));
    t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir }, publisher });
    await seedCampaign(t, { goldFraction: 0, overlap: 2 });
    await seedItems(t, 'news', [
      { text: 'A story about the harbour works and the new ferry line.', quality: 0.8 },
      { text: 'A story about the regional elections and their turnout.', quality: 0.7 },
    ]);
    labelers = [await signInLabeler(t), await signInLabeler(t)];
    for (const labeler of labelers) {
      const { tasks } = await readBody(labeler.lease('news', 3));
      for (const task of tasks) await labeler.label(task.itemId, cls(1));
    }
    await aggregateCampaign(t.deps, 'news', { force: true });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await anvil?.stop();
  });

  const freeze = () =>
    t.app.request('/v1/campaigns/news/versions', {
      method: 'POST',
      headers: t.admin,
      body: '{}',
    });

  it('registers the dataset, proposes and activates the version with the manifest hash', async () => {
    const res = await freeze();
    expect(res.status).toBe(201);
    const { manifest, publication } = await readBody(res);
    expect(publication).toMatchObject({ datasetId: '1', version: 1, activated: true });
    expect(manifest).toMatchObject({ datasetId: '1', version: 1 });
    const client = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
    const onChain = await client.readContract({
      address: plaza,
      abi: plazaAbi,
      functionName: 'getVersion',
      args: [1n, 1],
    });
    expect(onChain.sharesRoot).toBe(manifest.shares.root);
    expect(String(onChain.totalShares)).toBe(manifest.attribution.totalShares);
    expect(onChain.status).toBe(2);
    // The manifest the API serves is the one whose hash is on chain.
    const served = await t.app.request('/v1/datasets/news/versions/1/manifest');
    expect(keccak256(new Uint8Array(await served.arrayBuffer()))).toBe(onChain.manifestHash);
    expect((await verifyVersion(join(exportsDir, 'news', 'v1'))).problems).toEqual([]);
  });

  it('lets a labeler claim their shares with the proof the API serves', async () => {
    const labeler = labelers[0]!;
    const client = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
    await client.request({
      method: 'anvil_setBalance' as never,
      params: [labeler.address, `0x${parseEther('1').toString(16)}`] as never,
    });
    const proof = await readBody(
      t.app.request(`/v1/datasets/news/versions/1/proofs/${labeler.address}`),
    );
    const wallet = createWalletClient({
      account: labeler.account,
      chain,
      transport: http(anvil.rpcUrl),
    });
    const hash = await wallet.writeContract({
      address: plaza,
      abi: plazaAbi,
      functionName: 'claimShares',
      args: [1n, 1, proof.index, labeler.address, BigInt(proof.amount), proof.proof],
    });
    expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success');
    const shares = await client.readContract({
      address: plaza,
      abi: plazaAbi,
      functionName: 'sharesOf',
      args: [1n, 1, labeler.address],
    });
    expect(String(shares)).toBe(proof.amount);
    expect(shares).toBeGreaterThan(0n);
  });

  it('publishes a frozen-but-unpublished version as it is, and never twice', async () => {
    // A crash between freezing v2 and publishing it.
    const frozen = await freezeVersion(t.deps, {
      campaignId: 'news',
      exportsDir,
      datasetId: 1n,
      version: 2,
    });
    const res = await freeze();
    const { manifest, publication } = await readBody(res);
    expect(publication).toMatchObject({ version: 2, activated: true });
    expect(manifest.createdAt).toBe(frozen.manifest.createdAt);
    // Publishing v1 again is a no-op: no transaction, still two versions.
    const again = await publisher.publishVersion(
      join(exportsDir, 'news', 'v1'),
      {
        datasetId: 1n,
        version: 1,
        sharesRoot: JSON.parse(
          await readFile(join(exportsDir, 'news', 'v1', 'manifest.json'), 'utf8'),
        ).shares.root,
        totalShares: 0n,
      },
      '/v1/datasets/news/versions/1/manifest',
    );
    expect(again.txHash).toBeNull();
    expect(await publisher.versionCount(1n)).toBe(2);
  });
});
