import { mkdtemp } from 'node:fs/promises';
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
import { ownedWalletAbi, ownedWalletBytecode } from '@plaza/contracts/mocks/owned-wallet';
import {
  ownedWalletFactoryAbi,
  ownedWalletFactoryBytecode,
} from '@plaza/contracts/mocks/owned-wallet-factory';
import { downloadRequestTypes, payoutLinkTypedData, plazaDomain } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import {
  type Abi,
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  type Hex,
  http,
  keccak256,
  parseEther,
  parseEventLogs,
  serializeErc6492Signature,
} from 'viem';
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedItems, signInLabeler } from '#testing/labeling.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { activatePublished } from '../chain/activate-published.ts';
import { createPublisher, type Publisher } from '../chain/create-publisher.ts';
import { datasetDefaultsFor } from '../chain/governance-config.ts';
import { unixSeconds } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { aggregateCampaign } from '../labeling/aggregate-campaign.ts';

const chain = {
  id: 31337,
  name: 'anvil',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1'] } },
} as const;
const json = { 'content-type': 'application/json' };
const PRICE = 1_000_000_007n;

/**
 * Contract wallets on a real anvil: a deployed ERC-1271 wallet (a Safe-like {OwnedWallet} whose
 * owner key signs for it) signs in, is linked as a device's payout, proposes a license through its
 * own calls and downloads the licensed version; a counterfactual one (ERC-6492, not deployed)
 * signs in. Signatures by anyone but the owner are refused.
 */
describe('contract wallets (ERC-1271, ERC-6492)', () => {
  let anvil: AnvilInstance;
  let t: TestApp;
  let plaza: Address;
  let usd: Address;
  let wallet: Address;
  let factory: Address;
  let publisher: Publisher;
  let labeler: Awaited<ReturnType<typeof signInLabeler>>;
  const owner = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  const deployer = privateKeyToAccount(anvilDeployerPrivateKey);

  const client = () =>
    createPublicClient({ chain: { ...chain, rpcUrls: rpc() }, transport: http(anvil.rpcUrl) });
  const rpc = () => ({ default: { http: [anvil.rpcUrl] } });
  const send = async (account: PrivateKeyAccount, to: Address, abi: Abi, call: object) => {
    const signer = createWalletClient({ account, chain, transport: http(anvil.rpcUrl) });
    const data = encodeFunctionData({ abi, ...call } as Parameters<typeof encodeFunctionData>[0]);
    const hash = await signer.sendTransaction({ to, data, chain });
    const receipt = await client().waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
    return receipt;
  };
  const deploy = async (abi: Abi, bytecode: Hex, args: unknown[]) => {
    const signer = createWalletClient({ account: deployer, chain, transport: http(anvil.rpcUrl) });
    const hash = await signer.deployContract({ abi, bytecode, args, chain });
    const receipt = await client().waitForTransactionReceipt({ hash });
    if (!receipt.contractAddress) throw new Error('no contract deployed');
    return receipt.contractAddress;
  };
  /** A call the owner makes the wallet perform. */
  const asWallet = (to: Address, abi: Abi, call: object) =>
    send(owner, wallet, ownedWalletAbi as Abi, {
      functionName: 'execute',
      args: [to, 0n, encodeFunctionData({ abi, ...call } as never)],
    });
  const nonce = async () =>
    readBody(t.app.request('/v1/auth/nonce', { method: 'POST' })) as Promise<{
      nonce: string;
      domain: string;
      uri: string;
      chainId: number;
    }>;
  /** A sign-in message for `address` (a contract wallet) with a fresh nonce. */
  const siweFor = async (address: Address) => {
    const fields = await nonce();
    return createSiweMessage({
      address,
      chainId: fields.chainId,
      domain: fields.domain,
      nonce: fields.nonce,
      uri: fields.uri,
      version: '1',
      issuedAt: t.clock.now(),
    });
  };
  const signIn = (body: { message: string; signature: Hex }) =>
    t.app.request('/v1/auth/siwe', { method: 'POST', headers: json, body: JSON.stringify(body) });
  const downloadTyped = (buyer: Address) => ({
    domain: plazaDomain({ chainId: 31337, coordinator: t.deps.signer.address }),
    types: downloadRequestTypes,
    primaryType: 'DownloadRequest' as const,
    message: {
      buyer,
      datasetId: 1n,
      version: 1,
      issuedAt: BigInt(unixSeconds(t.clock.now())),
    },
  });
  const askDownload = (buyer: Address, signature: Hex) =>
    t.app.request('/v1/datasets/news/versions/1/downloads', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ buyer, issuedAt: unixSeconds(t.clock.now()), signature }),
    });
  /** The counterfactual wallet of `key`: its address, and its owner's signature wrapped (6492). */
  const counterfactual = async (key: PrivateKeyAccount) => {
    const address = (await client().readContract({
      address: factory,
      abi: ownedWalletFactoryAbi,
      functionName: 'walletOf',
      args: [key.address],
    })) as Address;
    const wrap = (signature: Hex) =>
      serializeErc6492Signature({
        address: factory,
        data: encodeFunctionData({
          abi: ownedWalletFactoryAbi,
          functionName: 'deploy',
          args: [key.address],
        }),
        signature,
      });
    return { address, wrap };
  };

  beforeAll(async () => {
    anvil = await startAnvil();
    const deployment = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: anvilDeployerPrivateKey,
      testUsd: true,
    });
    plaza = deployment.plaza;
    usd = deployment.testUsd as Address;
    publisher = createPublisher({
      rpcUrl: anvil.rpcUrl,
      chainId: 31337,
      plaza,
      privateKey: anvilDeployerPrivateKey,
      defaults: datasetDefaultsFor(loadConfig({}), usd),
    });
    const exportsDir = await mkdtemp(join(tmpdir(), 'plaza-contract-wallets-'));
    // The publisher's client is the chain contract wallets are checked on.
    t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir }, publisher });
    await seedCampaign(t, { goldFraction: 0, overlap: 1 });
    await seedItems(t, 'news', [
      { text: 'A story about the harbour works and the new ferry line.', quality: 0.8 },
      { text: 'A story about the regional elections and their turnout.', quality: 0.7 },
    ]);
    labeler = await signInLabeler(t);
    const { tasks } = await readBody(labeler.lease('news', 3));
    for (const task of tasks)
      await labeler.label(task.itemId, { kind: 'classification', class: 1 });
    await aggregateCampaign(t.deps, 'news', { force: true });
    const frozen = await t.app.request('/v1/campaigns/news/versions', {
      method: 'POST',
      headers: t.admin,
      body: '{}',
    });
    expect(frozen.status).toBe(201);
    // Claims, votes and licenses open once the version's timelock has passed.
    await advanceAnvilClockTo(anvil.rpcUrl, (await readBody(frozen)).publication.activatesAt);
    expect(await activatePublished(t.deps)).toBe(1);
    for (const account of [owner, labeler.account]) {
      await client().request({
        method: 'anvil_setBalance' as never,
        params: [account.address, `0x${parseEther('1').toString(16)}`] as never,
      });
    }
    wallet = await deploy(ownedWalletAbi as Abi, ownedWalletBytecode, [owner.address]);
    factory = await deploy(ownedWalletFactoryAbi as Abi, ownedWalletFactoryBytecode, []);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await anvil?.stop();
  });

  it('signs in with a deployed ERC-1271 wallet, not with a stranger signing for it', async () => {
    const message = await siweFor(wallet);
    const forged = await signIn({ message, signature: await stranger.signMessage({ message }) });
    expect(forged.status).toBe(401);
    expect((await readBody(forged)).error.code).toBe('SIWE_INVALID');
    const fresh = await siweFor(wallet);
    const res = await signIn({
      message: fresh,
      signature: await owner.signMessage({ message: fresh }),
    });
    expect(res.status).toBe(200);
    expect((await readBody(res)).address).toBe(wallet.toLowerCase());
  });

  it('signs in with a counterfactual ERC-6492 wallet, without deploying it', async () => {
    const key = privateKeyToAccount(generatePrivateKey());
    const { address, wrap } = await counterfactual(key);
    const message = await siweFor(address);
    const res = await signIn({ message, signature: wrap(await key.signMessage({ message })) });
    expect(res.status).toBe(200);
    expect((await readBody(res)).address).toBe(address.toLowerCase());
    expect(await client().getCode({ address })).toBeUndefined();
    const other = await siweFor(address);
    const forged = await signIn({
      message: other,
      signature: wrap(await stranger.signMessage({ message: other })),
    });
    expect(forged.status).toBe(401);
  });

  it('links a contract wallet as a device payout, with the device and the wallet signing', async () => {
    const device = await registerTestDevice(t);
    const issuedAt = unixSeconds(t.clock.now());
    const link = async (signer: PrivateKeyAccount) => ({
      payout: wallet.toLowerCase(),
      nonce: 1,
      issuedAt,
      // The wallet's signature of the link is its owner's (ERC-1271).
      payoutSignature: await signer.signTypedData(
        payoutLinkTypedData({
          chainId: 31337,
          coordinator: t.deps.signer.address,
          device: device.address,
          payout: wallet,
          nonce: 1,
          issuedAt,
        }),
      ),
      deviceSignature: await device.payoutLink({ payout: wallet, nonce: 1, issuedAt }),
    });
    const post = async (body: unknown) =>
      t.app.request(`/v1/devices/${device.address}/payout`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(body),
      });
    const forged = await post(await link(stranger));
    expect(forged.status).toBe(401);
    const res = await post(await link(owner));
    expect(res.status).toBe(200);
    expect((await readBody(res)).device.payout).toBe(wallet.toLowerCase());
  });

  it('proposes a license from the wallet and downloads with its signature', async () => {
    await send(deployer, usd, testUsdAbi as Abi, { functionName: 'mint', args: [wallet, PRICE] });
    await asWallet(usd, testUsdAbi as Abi, { functionName: 'approve', args: [plaza, PRICE] });
    const terms = keccak256(new TextEncoder().encode('research use'));
    const proposed = await asWallet(plaza, plazaAbi as Abi, {
      functionName: 'proposeLicense',
      args: [1n, 1, usd, PRICE, 30 * 86_400, terms],
    });
    const [event] = parseEventLogs({
      abi: plazaAbi,
      eventName: 'LicenseProposed',
      logs: proposed.logs,
    });
    if (!event) throw new Error('no LicenseProposed event');
    const proposalId = (event.args as { proposalId: bigint }).proposalId;
    // The vote opens after the voting delay. The only labeler holds the labels' half of the
    // shares (over the quorum): it claims and votes for, and the vote ends.
    await advanceAnvilClock(anvil.rpcUrl, publisher.defaults.votingDelay);
    const proof = await readBody(
      t.app.request(`/v1/datasets/news/versions/1/proofs/${labeler.address}`),
    );
    await send(labeler.account, plaza, plazaAbi as Abi, {
      functionName: 'voteWithProof',
      args: [proposalId, true, proof.index, BigInt(proof.amount), proof.proof],
    });
    await advanceAnvilClock(anvil.rpcUrl, publisher.defaults.votingPeriod + 1);
    await send(labeler.account, plaza, plazaAbi as Abi, {
      functionName: 'settle',
      args: [proposalId],
    });

    const forged = await askDownload(wallet, await stranger.signTypedData(downloadTyped(wallet)));
    expect(forged.status).toBe(401);
    expect((await readBody(forged)).error.code).toBe('SIGNATURE_INVALID');
    const res = await askDownload(wallet, await owner.signTypedData(downloadTyped(wallet)));
    expect(res.status).toBe(200);
    const { files } = await readBody(res);
    const manifest = files.find((f: { name: string }) => f.name === 'manifest.json');
    const file = await t.app.request(manifest.url);
    expect(file.status).toBe(200);
    expect((await readBody(file)).version).toBe(1);
    // A counterfactual wallet's request is signed well, but it holds no license.
    const key = privateKeyToAccount(generatePrivateKey());
    const { address, wrap } = await counterfactual(key);
    const unlicensed = await askDownload(
      address,
      wrap(await key.signTypedData(downloadTyped(address))),
    );
    expect(unlicensed.status).toBe(403);
    expect((await readBody(unlicensed)).error.code).toBe('LICENSE_REQUIRED');
  });
});
