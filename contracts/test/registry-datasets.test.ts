import { encodeDeployData, zeroAddress } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { versionStatus } from '../src/enums.ts';
import { plazaAbi, plazaBytecode } from '../src/generated/plaza.ts';
import { revertReason, startTestChain, type TestChain } from './support/chain.ts';
import {
  createPlazaFixture,
  DAY,
  eventsOf,
  HOUR,
  type PlazaFixture,
  roles,
} from './support/plaza-fixture.ts';

let chain: TestChain;
let f: PlazaFixture;

beforeAll(async () => {
  chain = await startTestChain();
  f = await createPlazaFixture(chain);
  await chain.snapshot();
});
beforeEach(() => chain.revert());
afterAll(() => chain.stop());

describe('constructor', () => {
  it('sets the guardian and emits GuardianTransferred', async () => {
    expect(await f.plaza.read.guardian()).toBe(roles.guardian);
    const logs = await f.plaza.getEvents.GuardianTransferred({}, { fromBlock: 0n });
    expect(logs[0]?.args).toEqual({ previousGuardian: zeroAddress, newGuardian: roles.guardian });
  });

  it('reverts with PlazaZeroAddress for a zero guardian', async () => {
    const data = encodeDeployData({ abi: plazaAbi, bytecode: plazaBytecode, args: [zeroAddress] });
    const reason = await revertReason(f.client.call({ data, account: roles.deployer }));
    expect(reason.errorName).toBe('PlazaZeroAddress');
  });
});

describe('registerDataset', () => {
  it('stores every parameter, lists the tokens and emits DatasetRegistered', async () => {
    const params = { ...f.defaultParams(), feeBps: 250, feeRecipient: roles.feeRecipient };
    const receipt = await f.send(
      f.plaza.write.registerDataset([params], { account: roles.stranger }),
    );
    const [event] = eventsOf(receipt, 'DatasetRegistered');
    expect(event?.args.datasetId).toBe(1n);
    expect(event?.args.publisher).toBe(roles.publisher);
    expect(event?.args.params).toMatchObject({
      quorumBps: 2_000,
      feeBps: 250,
      sweepTo: roles.treasury,
      paymentTokens: [{ token: f.usdAddress, reservePrice: 100n * 10n ** 6n }],
    });
    expect(await f.plaza.read.datasetCount()).toBe(1n);
    expect(await f.plaza.read.getDataset([1n])).toEqual({
      publisher: roles.publisher,
      votingDelay: 0,
      votingPeriod: 3 * DAY,
      quorumBps: 2_000,
      feeBps: 250,
      feeRecipient: roles.feeRecipient,
      rootTimelock: DAY,
      maxLicenseDuration: 365 * DAY,
      claimPeriodDays: 365,
      sweepTo: roles.treasury,
      versionCount: 0,
    });
    expect(await f.plaza.read.getPaymentTokens([1n])).toEqual([f.usdAddress]);
    expect(await f.plaza.read.reservePrice([1n, f.usdAddress])).toBe(100n * 10n ** 6n);
    expect(await f.plaza.read.isPaymentToken([1n, f.usdAddress])).toBe(true);
    expect(await f.plaza.read.isPaymentToken([1n, roles.stranger])).toBe(false);
    expect(await f.plaza.read.reservePrice([1n, roles.stranger])).toBe(0n);
    expect(await f.registerDataset()).toBe(2n);
  });

  const invalid: [string, () => Record<string, unknown>, string][] = [
    ['zero publisher', () => ({ publisher: zeroAddress }), 'PlazaZeroAddress'],
    ['voting period under an hour', () => ({ votingPeriod: HOUR - 1 }), 'PlazaInvalidVotingPeriod'],
    [
      'voting period over 90 days',
      () => ({ votingPeriod: 90 * DAY + 1 }),
      'PlazaInvalidVotingPeriod',
    ],
    ['zero quorum', () => ({ quorumBps: 0 }), 'PlazaInvalidQuorum'],
    ['quorum over 100 %', () => ({ quorumBps: 10_001 }), 'PlazaInvalidQuorum'],
    ['no timelock', () => ({ rootTimelock: 0 }), 'PlazaInvalidTimelock'],
    ['timelock under a minute', () => ({ rootTimelock: 59 }), 'PlazaInvalidTimelock'],
    ['timelock over 90 days', () => ({ rootTimelock: 90 * DAY + 1 }), 'PlazaInvalidTimelock'],
    ['voting delay over 30 days', () => ({ votingDelay: 30 * DAY + 1 }), 'PlazaInvalidVotingDelay'],
    ['claim period under 30 days', () => ({ claimPeriodDays: 29 }), 'PlazaInvalidClaimPeriod'],
    ['claim period over 10 years', () => ({ claimPeriodDays: 3_651 }), 'PlazaInvalidClaimPeriod'],
    ['no sweep destination', () => ({ sweepTo: zeroAddress }), 'PlazaZeroAddress'],
    [
      'zero max license duration',
      () => ({ maxLicenseDuration: 0 }),
      'PlazaInvalidMaxLicenseDuration',
    ],
    [
      'max license duration over 100 years',
      () => ({ maxLicenseDuration: 100 * 365 * DAY + 1 }),
      'PlazaInvalidMaxLicenseDuration',
    ],
    ['zero reserve price', () => ({ reservePrice: 0n }), 'PlazaInvalidReservePrice'],
    [
      'fee over 10 %',
      () => ({ feeBps: 1_001, feeRecipient: roles.feeRecipient }),
      'PlazaInvalidFee',
    ],
    ['fee without recipient', () => ({ feeBps: 100 }), 'PlazaInvalidFee'],
    ['recipient without fee', () => ({ feeRecipient: roles.feeRecipient }), 'PlazaInvalidFee'],
    ['no payment token', () => ({ paymentTokens: [] }), 'PlazaNoPaymentTokens'],
    [
      'payment token without code',
      () => ({ paymentTokens: [roles.stranger] }),
      'PlazaInvalidToken',
    ],
    [
      'duplicate payment token',
      () => ({ paymentTokens: [f.usdAddress, f.usdAddress] }),
      'PlazaPaymentTokenUnchanged',
    ],
  ];
  it.each(invalid)('reverts on %s', async (_, overrides, errorName) => {
    const params = f.paramsOf(overrides());
    const reason = await revertReason(
      f.plaza.simulate.registerDataset([params as never], { account: roles.stranger }),
    );
    expect(reason.errorName).toBe(errorName);
  });

  it('accepts the bounds themselves', async () => {
    await f.registerDataset({
      votingDelay: 0,
      votingPeriod: HOUR,
      quorumBps: 10_000,
      rootTimelock: 60,
      claimPeriodDays: 30,
      maxLicenseDuration: 100 * 365 * DAY,
      feeBps: 1_000,
      feeRecipient: roles.feeRecipient,
    });
    await f.registerDataset({
      votingDelay: 30 * DAY,
      votingPeriod: 90 * DAY,
      rootTimelock: 90 * DAY,
      claimPeriodDays: 3_650,
    });
    expect(await f.plaza.read.datasetCount()).toBe(2n);
  });
});

describe('setPaymentToken', () => {
  it('adds, reprices and removes tokens, each with its own reserve, emitting PaymentTokenSet', async () => {
    const id = await f.registerDataset();
    const other = f.plazaAddress; // any contract
    const added = await f.send(
      f.plaza.write.setPaymentToken([id, other, 10n ** 18n], { account: roles.publisher }),
    );
    expect(eventsOf(added, 'PaymentTokenSet')[0]?.args).toEqual({
      datasetId: id,
      token: other,
      reservePrice: 10n ** 18n,
    });
    expect(await f.plaza.read.getPaymentTokens([id])).toEqual([f.usdAddress, other]);
    expect(await f.plaza.read.reservePrice([id, other])).toBe(10n ** 18n);
    expect(await f.plaza.read.reservePrice([id, f.usdAddress])).toBe(100n * 10n ** 6n);
    await f.send(f.plaza.write.setPaymentToken([id, other, 5n], { account: roles.publisher }));
    expect(await f.plaza.read.reservePrice([id, other])).toBe(5n);
    expect(await f.plaza.read.getPaymentTokens([id])).toEqual([f.usdAddress, other]);
    const removed = await f.send(
      f.plaza.write.setPaymentToken([id, f.usdAddress, 0n], { account: roles.publisher }),
    );
    expect(eventsOf(removed, 'PaymentTokenSet')[0]?.args.reservePrice).toBe(0n);
    expect(await f.plaza.read.getPaymentTokens([id])).toEqual([other]);
    expect(await f.plaza.read.isPaymentToken([id, f.usdAddress])).toBe(false);
    expect(await f.plaza.read.reservePrice([id, f.usdAddress])).toBe(0n);
  });

  it('reverts for anyone but the publisher, unknown datasets, unknown removals, non-contracts and the last token', async () => {
    const id = await f.registerDataset();
    const w = (token: `0x${string}`, reserve: bigint, account = roles.publisher, dataset = id) =>
      revertReason(f.plaza.simulate.setPaymentToken([dataset, token, reserve], { account }));
    expect((await w(f.plazaAddress, 1n, roles.stranger)).errorName).toBe('PlazaNotPublisher');
    expect((await w(f.plazaAddress, 1n, roles.publisher, 9n)).errorName).toBe(
      'PlazaUnknownDataset',
    );
    expect((await w(f.plazaAddress, 0n)).errorName).toBe('PlazaPaymentTokenUnchanged');
    expect((await w(roles.stranger, 1n)).errorName).toBe('PlazaInvalidToken');
    expect((await w(f.usdAddress, 0n)).errorName).toBe('PlazaNoPaymentTokens');
  });
});

describe('views of unknown ids', () => {
  it('return zeroed structs', async () => {
    expect((await f.plaza.read.getDataset([42n])).publisher).toBe(zeroAddress);
    expect((await f.plaza.read.getVersion([42n, 1])).status).toBe(versionStatus.none);
    expect(await f.plaza.read.getPaymentTokens([42n])).toEqual([]);
  });

  it('expose the protocol bounds', async () => {
    expect(await f.plaza.read.MIN_VOTING_PERIOD()).toBe(HOUR);
    expect(await f.plaza.read.MAX_VOTING_PERIOD()).toBe(90 * DAY);
    expect(await f.plaza.read.MIN_ROOT_TIMELOCK()).toBe(60);
    expect(await f.plaza.read.MAX_ROOT_TIMELOCK()).toBe(90 * DAY);
    expect(await f.plaza.read.MAX_VOTING_DELAY()).toBe(30 * DAY);
    expect(await f.plaza.read.MIN_CLAIM_PERIOD_DAYS()).toBe(30);
    expect(await f.plaza.read.MAX_CLAIM_PERIOD_DAYS()).toBe(3_650);
    expect(await f.plaza.read.MAX_FEE_BPS()).toBe(1_000);
    expect(await f.plaza.read.MAX_LICENSE_DURATION()).toBe(100 * 365 * DAY);
    expect(await f.plaza.read.REFUND_GAS()).toBe(150_000n);
  });
});
