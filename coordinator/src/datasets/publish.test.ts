import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnvilInstance,
  advanceAnvilClock,
  advanceAnvilClockTo,
  anvilDeployerPrivateKey,
  deployPlaza,
  plazaAbi,
  startAnvil,
  testUsdAbi,
} from '@plaza/contracts';
import { downloadRequestTypes, plazaDomain } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import {
  type Address,
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  parseEther,
  parseEventLogs,
} from 'viem';
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedItems, signInLabeler } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';
import { activatePublished } from '../chain/activate-published.ts';
import { createPublisher, type Publisher } from '../chain/create-publisher.ts';
import { datasetDefaultsFor } from '../chain/governance-config.ts';
import { indexChain } from '../chain/index-chain.ts';
import { loadConfig } from '../config.ts';
import { aggregateCampaign } from '../labeling/aggregate-campaign.ts';
import { freezeVersion } from './freeze-version.ts';
import { verifyVersion } from './verify-version.ts';

const cls = (c: number) => ({ kind: 'classification', class: c });

/**
 * Freeze → publish on a real anvil with the deployed contracts (the local chain's defaults: a
 * timelock and a voting delay, passed by moving anvil's clock) → a labeler claims their shares.
 */
describe('publishing a frozen version on chain', () => {
  let anvil: AnvilInstance;
  let t: TestApp;
  let publisher: Publisher;
  let plaza: `0x${string}`;
  let usd: `0x${string}`;
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
    usd = deployment.testUsd as `0x${string}`;
    publisher = createPublisher({
      rpcUrl: anvil.rpcUrl,
      chainId: 31337,
      plaza,
      privateKey: anvilDeployerPrivateKey,
      defaults: datasetDefaultsFor(loadConfig({}), usd),
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
      // Not every row is labelled: force past the safe-freeze check.
      body: JSON.stringify({ force: true }),
    });

  it('registers the dataset, proposes the version with the manifest hash, and activates it after its timelock', async () => {
    const res = await freeze();
    expect(res.status).toBe(201);
    const { manifest, publication } = await readBody(res);
    expect(publication).toMatchObject({ datasetId: '1', version: 1, activated: false });
    expect(manifest).toMatchObject({ datasetId: '1', version: 1 });
    // Within the timelock the activation loop has nothing to do; past it, it records the activation.
    const dir = join(exportsDir, 'news', 'v1');
    expect(await activatePublished(t.deps)).toBe(0);
    await advanceAnvilClockTo(anvil.rpcUrl, publication.activatesAt);
    expect(await activatePublished(t.deps)).toBe(1);
    expect(JSON.parse(await readFile(join(dir, 'publication.json'), 'utf8'))).toMatchObject({
      activated: true,
      activatesAt: publication.activatesAt,
    });
    expect(await activatePublished(t.deps)).toBe(0);
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
    const v1 = join(exportsDir, 'news', 'v1');
    expect((await verifyVersion(v1, { rpcUrl: anvil.rpcUrl })).problems).toEqual([]);
    // A manifest edited after publication no longer matches the hash on chain.
    const manifestFile = join(v1, 'manifest.json');
    const original = await readFile(manifestFile, 'utf8');
    await writeFile(manifestFile, original.replace('"createdAt": "', '"createdAt": " '));
    expect((await verifyVersion(v1, { rpcUrl: anvil.rpcUrl })).problems).toEqual([
      expect.stringMatching(/^chain: manifest hash .* manifest\.json hashes to/),
    ]);
    await writeFile(manifestFile, original);
  });

  it('freezes a rule v2 campaign with the block that includes its rows root as beacon', async () => {
    await seedCampaign(t, {
      id: 'news-v2',
      goldFraction: 0,
      attributionRule: 'plaza-attribution/2',
    });
    await seedItems(t, 'news-v2', [
      { text: 'The harbour works begin and the new ferry line opens in spring.', quality: 0.8 },
      { text: 'Turnout in the regional elections was the highest in years.', quality: 0.7 },
    ]);
    const res = await t.app.request('/v1/campaigns/news-v2/versions', {
      method: 'POST',
      headers: t.admin,
      // The two rows are not labelled: force past the safe-freeze check.
      body: JSON.stringify({ force: true }),
    });
    expect(res.status).toBe(201);
    const { manifest } = await readBody(res);
    expect(manifest.attribution).toMatchObject({
      rule: 'plaza-attribution/2',
      beacon: { kind: 'block', chainId: 31337 },
    });
    const client = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
    const tx = await client.getTransaction({ hash: manifest.attribution.beacon.txHash });
    expect(tx.input).toBe(manifest.rows.root);
    expect(tx.blockHash).toBe(manifest.attribution.beacon.value);
    const dir = join(exportsDir, 'news-v2', 'v1');
    expect((await verifyVersion(dir, { rpcUrl: anvil.rpcUrl })).problems).toEqual([]);
    // Another beacon in the manifest: the chain names it, and the manifest hash no longer matches.
    const path = join(dir, 'manifest.json');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace(manifest.attribution.beacon.value, `0x${'ab'.repeat(32)}`));
    const { problems } = await verifyVersion(dir, { rpcUrl: anvil.rpcUrl });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^beacon: 0xabab.* is not the hash of the block that included/),
        expect.stringMatching(/^chain: manifest hash/),
      ]),
    );
    await writeFile(path, text);
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
    expect(publication).toMatchObject({ version: 2, activated: false });
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

  describe('licensing: propose, vote, settle, revenue to the wei, downloads', () => {
    const client = () => createPublicClient({ chain, transport: http(anvil.rpcUrl) });
    const fund = (address: Address) =>
      client().request({
        method: 'anvil_setBalance' as never,
        params: [address, `0x${parseEther('1').toString(16)}`] as never,
      });
    const send = async (
      account: PrivateKeyAccount,
      call: Parameters<ReturnType<typeof createWalletClient>['writeContract']>[0],
    ) => {
      const wallet = createWalletClient({ account, chain, transport: http(anvil.rpcUrl) });
      const hash = await wallet.writeContract(call as never);
      const receipt = await client().waitForTransactionReceipt({ hash });
      expect(receipt.status).toBe('success');
      return receipt;
    };
    const askDownload = async (signer: PrivateKeyAccount, buyer: Address = signer.address) => {
      const issuedAt = Math.floor(t.clock.now().getTime() / 1000);
      const signature = await signer.signTypedData({
        domain: plazaDomain({ chainId: 31337, coordinator: t.deps.signer.address }),
        types: downloadRequestTypes,
        primaryType: 'DownloadRequest',
        message: { buyer, datasetId: 1n, version: 1, issuedAt: BigInt(issuedAt) },
      });
      return t.app.request('/v1/datasets/news/versions/1/downloads', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ buyer, issuedAt, signature }),
      });
    };
    const buyer = privateKeyToAccount(generatePrivateKey());
    const stranger = privateKeyToAccount(generatePrivateKey());
    const PRICE = 1_000_000_007n; // 1,000.000007 TestUSD: an odd number, so rounding shows.

    it('refuses a download without a license, and a request signed by someone else', async () => {
      const refused = await askDownload(buyer);
      expect(refused.status).toBe(403);
      expect((await readBody(refused)).error.code).toBe('LICENSE_REQUIRED');
      const forged = await askDownload(stranger, buyer.address);
      expect(forged.status).toBe(401);
      expect((await readBody(forged)).error.code).toBe('SIGNATURE_INVALID');
    });

    it('pays every holder their attributed part of the license fee, to the wei', async () => {
      await fund(buyer.address);
      await send(privateKeyToAccount(anvilDeployerPrivateKey), {
        address: usd,
        abi: testUsdAbi,
        functionName: 'mint',
        args: [buyer.address, PRICE],
      } as never);
      await send(buyer, {
        address: usd,
        abi: testUsdAbi,
        functionName: 'approve',
        args: [plaza, PRICE],
      } as never);
      const proposed = await send(buyer, {
        address: plaza,
        abi: plazaAbi,
        functionName: 'proposeLicense',
        args: [1n, 1, usd, PRICE, 30 * 86_400, keccak256(new TextEncoder().encode('research use'))],
      } as never);
      const [event] = parseEventLogs({
        abi: plazaAbi,
        eventName: 'LicenseProposed',
        logs: proposed.logs,
      });
      if (!event) throw new Error('no LicenseProposed event');
      const proposalId = (event.args as { proposalId: bigint }).proposalId;
      // The vote opens after the dataset's voting delay.
      await advanceAnvilClock(anvil.rpcUrl, publisher.defaults.votingDelay);
      // Both labelers vote for (the first claimed already; the second claims while voting):
      // together more than half of the version's shares, so it is decided at once.
      await send(labelers[0]!.account, {
        address: plaza,
        abi: plazaAbi,
        functionName: 'vote',
        args: [proposalId, true],
      } as never);
      const second = labelers[1]!;
      await fund(second.address);
      const proof = await readBody(
        t.app.request(`/v1/datasets/news/versions/1/proofs/${second.address}`),
      );
      await send(second.account, {
        address: plaza,
        abi: plazaAbi,
        functionName: 'voteWithProof',
        args: [proposalId, true, proof.index, BigInt(proof.amount), proof.proof],
      } as never);
      await send(buyer, {
        address: plaza,
        abi: plazaAbi,
        functionName: 'settle',
        args: [proposalId],
      } as never);

      const total = BigInt(
        JSON.parse(await readFile(join(exportsDir, 'news', 'v1', 'manifest.json'), 'utf8'))
          .attribution.totalShares,
      );
      const Q128 = 1n << 128n;
      for (const labeler of labelers) {
        const shares = await client().readContract({
          address: plaza,
          abi: plazaAbi,
          functionName: 'sharesOf',
          args: [1n, 1, labeler.address],
        });
        const before = await client().readContract({
          address: usd,
          abi: testUsdAbi,
          functionName: 'balanceOf',
          args: [labeler.address],
        });
        await send(labeler.account, {
          address: plaza,
          abi: plazaAbi,
          functionName: 'claimRevenue',
          args: [1n, 1, usd],
        } as never);
        const after = await client().readContract({
          address: usd,
          abi: testUsdAbi,
          functionName: 'balanceOf',
          args: [labeler.address],
        });
        // The accumulator's arithmetic: floor(shares × floor(price × 2^128 / total) / 2^128).
        const expected = (shares * ((PRICE * Q128) / total)) / Q128;
        expect(after - before).toBe(expected);
        // …which is the holder's attributed fraction of the fee, less at most one wei.
        expect((PRICE * shares) / total - expected).toBeLessThanOrEqual(1n);
        expect(expected).toBeGreaterThan(0n);
      }
    });

    it('lets the licensed buyer download, briefly, and only while the license lasts', async () => {
      const res = await askDownload(buyer);
      expect(res.status).toBe(200);
      const { files } = await readBody(res);
      const parquet = files.find((f: { name: string }) => f.name === 'rows.parquet');
      const file = await t.app.request(parquet.url);
      expect(file.status).toBe(200);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const manifest = JSON.parse(
        await readFile(join(exportsDir, 'news', 'v1', 'manifest.json'), 'utf8'),
      );
      expect(bytes.byteLength).toBe(manifest.rows.parquet.bytes);
      // A tampered token is refused; the link stops working after ten minutes.
      expect((await t.app.request(parquet.url.replace(/\.[^./]+\//, '.AAAA/'))).status).toBe(401);
      t.clock.advance(11 * 60_000);
      const late = await t.app.request(parquet.url);
      expect(late.status).toBe(410);
      // Thirty days later the license is over.
      await client().request({
        method: 'evm_increaseTime' as never,
        params: [31 * 86_400] as never,
      });
      await client().request({ method: 'evm_mine' as never, params: [] as never });
      t.clock.advance(31 * 86_400_000);
      const expired = await askDownload(buyer);
      expect(expired.status).toBe(403);
      expect((await readBody(expired)).error.code).toBe('LICENSE_EXPIRED');
    });

    it('mirrors the whole story into the database through the indexer', async () => {
      await indexChain(t.deps, {
        client: publisher.client,
        chainId: 31337,
        plaza,
        confirmations: 0,
      });
      const events = async (query: string) =>
        (await readBody(t.app.request(`/v1/chain/events?${query}`))).events as Array<{
          name: string;
          account: string | null;
        }>;
      const story = (await events('limit=100')).map((e) => e.name).reverse();
      expect(story).toEqual(
        expect.arrayContaining([
          'DatasetRegistered',
          'VersionProposed',
          'VersionActivated',
          'SharesClaimed',
          'LicenseProposed',
          'VoteCast',
          'LicenseApproved',
          'RevenueClaimed',
        ]),
      );
      expect(await events('name=VoteCast')).toHaveLength(2);
      const mine = await events(`account=${labelers[0]!.address}`);
      expect(mine.map((e) => e.name).sort()).toEqual([
        'RevenueClaimed',
        'SharesClaimed',
        'VoteCast',
      ]);
    });
  });
});
