import {
  type Account,
  createPublicClient,
  createTestClient,
  createWalletClient,
  getContract,
  http,
  keccak256,
  parseEventLogs,
  toHex,
} from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AnvilInstance,
  anvilAccount,
  anvilDeployerPrivateKey,
  buildSharesTree,
  deployPlaza,
  plazaAbi,
  proposalOutcome,
  type SharesTree,
  startAnvil,
  testUsdAbi,
} from '../src/index.ts';

/**
 * The whole story the way the coordinator and the web app drive it: real keys signing locally, viem's
 * own gas estimates, the public deploy helper; no impersonation.
 */

const DAY = 86_400;
let anvil: AnvilInstance;
let snapshot: `0x${string}`;
const publisher = anvilAccount(1);
const buyer = anvilAccount(2);
const holders = [anvilAccount(3), anvilAccount(4), anvilAccount(5), anvilAccount(6)];
const amounts = [5_000n, 2_500n, 1_500n, 1_000n];
const PRICE = 2_000n * 10n ** 6n;

let publicClient: ReturnType<typeof createPublicClient>;
let testClient: ReturnType<typeof createTestClient>;
let addresses: { plaza: `0x${string}`; usd: `0x${string}` };
let tree: SharesTree;

const wallet = (account: Account) =>
  createWalletClient({ account, chain: foundry, transport: http(anvil.rpcUrl) });
const plazaAs = (account: Account) =>
  getContract({ address: addresses.plaza, abi: plazaAbi, client: wallet(account) });
const usdAs = (account: Account) =>
  getContract({ address: addresses.usd, abi: testUsdAbi, client: wallet(account) });
const plaza = () => getContract({ address: addresses.plaza, abi: plazaAbi, client: publicClient });
const usd = () => getContract({ address: addresses.usd, abi: testUsdAbi, client: publicClient });

async function done(hash: Promise<`0x${string}`>) {
  const receipt = await publicClient.waitForTransactionReceipt({
    hash: await hash,
    pollingInterval: 5,
  });
  expect(receipt.status).toBe('success');
  return receipt;
}

async function warp(seconds: number) {
  const { timestamp } = await publicClient.getBlock();
  await testClient.setNextBlockTimestamp({ timestamp: timestamp + BigInt(seconds) });
  await testClient.mine({ blocks: 1 });
}

beforeAll(async () => {
  anvil = await startAnvil();
  publicClient = createPublicClient({
    chain: foundry,
    transport: http(anvil.rpcUrl),
    pollingInterval: 5,
  });
  testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(anvil.rpcUrl) });
  const deployment = await deployPlaza({
    rpcUrl: anvil.rpcUrl,
    privateKey: anvilDeployerPrivateKey,
    testUsd: { mintTo: [buyer.address], mintAmount: 10n * PRICE },
    pollingIntervalMs: 5,
  });
  addresses = { plaza: deployment.plaza, usd: deployment.testUsd! };

  // Publish: register, propose the version, wait out the timelock, activate.
  const register = await done(
    plazaAs(publisher).write.registerDataset([
      {
        publisher: publisher.address,
        votingDelay: DAY,
        votingPeriod: 5 * DAY,
        quorumBps: 4_000,
        rootTimelock: 3 * DAY,
        claimPeriodDays: 365,
        maxLicenseDuration: 90 * DAY,
        feeBps: 0,
        feeRecipient: '0x0000000000000000000000000000000000000000',
        sweepTo: publisher.address,
        paymentTokens: [{ token: addresses.usd, reservePrice: 500n * 10n ** 6n }],
      },
    ]),
  );
  const [registered] = parseEventLogs({
    abi: plazaAbi,
    logs: register.logs,
    eventName: 'DatasetRegistered',
  });
  expect(registered?.args.datasetId).toBe(1n);
  tree = await buildSharesTree({
    datasetId: 1n,
    version: 1n,
    holders: holders.map((h, i) => ({ account: h.address, amount: amounts[i]! })),
  });
  await done(
    plazaAs(publisher).write.proposeVersion([
      1n,
      tree.root,
      tree.totalShares,
      keccak256(toHex('manifest')),
      'file://m.json',
    ]),
  );
  await warp(3 * DAY);
  await done(plazaAs(holders[0]!).write.activateVersion([1n, 1]));
  snapshot = await testClient.snapshot();
});
beforeEach(async () => {
  await testClient.revert({ id: snapshot });
  snapshot = await testClient.snapshot();
});
afterAll(() => anvil.stop());

async function propose() {
  await done(usdAs(buyer).write.approve([addresses.plaza, PRICE]));
  const receipt = await done(
    plazaAs(buyer).write.proposeLicense([
      1n,
      1,
      addresses.usd,
      PRICE,
      90 * DAY,
      keccak256(toHex('terms v1')),
    ]),
  );
  const [event] = parseEventLogs({
    abi: plazaAbi,
    logs: receipt.logs,
    eventName: 'LicenseProposed',
  });
  const id = event!.args.proposalId;
  // Nobody votes during the voting delay: holders get a day to notice the proposal.
  expect(await plaza().read.proposalOutcome([id])).toBe(proposalOutcome.pending);
  await warp(DAY);
  return id;
}

const claim = (i: number) =>
  done(
    plazaAs(holders[i]!).write.claimShares([
      1n,
      1,
      i,
      holders[i]!.address,
      amounts[i]!,
      tree.getProof(i),
    ]),
  );

describe('lifecycle', () => {
  it('publish → claim → propose → vote → settle → claim revenue, to the unit', async () => {
    await claim(0);
    await claim(1);
    const id = await propose();
    await done(plazaAs(holders[1]!).write.vote([id, true]));
    // Holder 2 has not claimed: it claims and votes in one call. 5,000 + 2,500 + ... : holder 0 decides.
    await done(
      plazaAs(holders[2]!).write.voteWithProof([id, false, 2, amounts[2]!, tree.getProof(2)]),
    );
    await done(plazaAs(holders[0]!).write.vote([id, true]));
    expect(await plaza().read.proposalOutcome([id])).toBe(proposalOutcome.passed);
    await done(plazaAs(holders[3]!).write.settle([id]));
    expect(await plaza().read.hasValidLicense([buyer.address, 1n, 1])).toBe(true);
    const license = await plaza().read.getLicense([id]);
    expect(license.buyer).toBe(buyer.address);
    expect(license.termsHash).toBe(keccak256(toHex('terms v1')));

    // Holder 3 claims its shares only now, after the sale, and is still paid in full.
    await claim(3);
    for (const [i, holder] of holders.entries()) {
      await done(plazaAs(holder).write.claimRevenue([1n, 1, addresses.usd]));
      expect(await usd().read.balanceOf([holder.address])).toBe(
        (PRICE * amounts[i]!) / tree.totalShares,
      );
    }
    expect(await usd().read.balanceOf([addresses.plaza])).toBe(0n); // 2,000 USD splits exactly
    await warp(90 * DAY);
    expect(await plaza().read.hasValidLicense([buyer.address, 1n, 1])).toBe(false);
  });

  it('propose → reject → refund', async () => {
    await claim(0);
    const id = await propose();
    expect(await usd().read.balanceOf([buyer.address])).toBe(9n * PRICE);
    await done(plazaAs(holders[0]!).write.vote([id, false])); // half of all shares against: decided
    expect(await plaza().read.proposalOutcome([id])).toBe(proposalOutcome.failed);
    const receipt = await done(plazaAs(holders[0]!).write.settle([id]));
    const [refund] = parseEventLogs({
      abi: plazaAbi,
      logs: receipt.logs,
      eventName: 'LicenseRefunded',
    });
    expect(refund?.args).toMatchObject({ amount: PRICE, quorumReached: true, pushed: true });
    expect(await usd().read.balanceOf([buyer.address])).toBe(10n * PRICE);
    expect(await plaza().read.hasValidLicense([buyer.address, 1n, 1])).toBe(false);
  });

  it('propose → expire → refund, settled by anyone', async () => {
    const id = await propose();
    await warp(5 * DAY);
    expect(await plaza().read.proposalOutcome([id])).toBe(proposalOutcome.failed);
    await done(plazaAs(holders[3]!).write.settle([id]));
    expect(await usd().read.balanceOf([buyer.address])).toBe(10n * PRICE);
    expect(await usd().read.balanceOf([addresses.plaza])).toBe(0n);
  });
});
