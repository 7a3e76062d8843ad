import { type Address, encodeFunctionData, getContract, keccak256, toHex } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plazaAbi } from '../src/generated/plaza.ts';
import { callbackTokenAbi, callbackTokenBytecode } from './generated/callback-token.ts';
import { feeOnTopTokenAbi, feeOnTopTokenBytecode } from './generated/fee-on-top-token.ts';
import {
  feeOnTransferTokenAbi,
  feeOnTransferTokenBytecode,
} from './generated/fee-on-transfer-token.ts';
import { hostileBuyerAbi, hostileBuyerBytecode } from './generated/hostile-buyer.ts';
import { noReturnTokenAbi, noReturnTokenBytecode } from './generated/no-return-token.ts';
import { reentrantTokenAbi, reentrantTokenBytecode } from './generated/reentrant-token.ts';
import {
  addressOf,
  decodeRevertData,
  revertReason,
  startTestChain,
  type TestChain,
} from './support/chain.ts';
import {
  createPlazaFixture,
  DAY,
  deploy,
  eventsOf,
  type PlazaFixture,
  roles,
} from './support/plaza-fixture.ts';

let chain: TestChain;
let f: PlazaFixture;
let tokens: {
  reentrant: Address;
  fot: Address;
  feeOnTop: Address;
  noReturn: Address;
  callback: Address;
};
let hostile: Address;

const A = addressOf('adversarial-a');
const B = addressOf('adversarial-b');
const PRICE = 1_000_000n;
const terms = keccak256(toHex('terms'));

beforeAll(async () => {
  chain = await startTestChain();
  f = await createPlazaFixture(chain);
  tokens = {
    reentrant: await deploy(f.client, { abi: reentrantTokenAbi, bytecode: reentrantTokenBytecode }),
    fot: await deploy(f.client, {
      abi: feeOnTransferTokenAbi,
      bytecode: feeOnTransferTokenBytecode,
    }),
    feeOnTop: await deploy(f.client, { abi: feeOnTopTokenAbi, bytecode: feeOnTopTokenBytecode }),
    noReturn: await deploy(f.client, { abi: noReturnTokenAbi, bytecode: noReturnTokenBytecode }),
    callback: await deploy(f.client, { abi: callbackTokenAbi, bytecode: callbackTokenBytecode }),
  };
  hostile = await deploy(f.client, { abi: hostileBuyerAbi, bytecode: hostileBuyerBytecode });
  await chain.snapshot();
});
beforeEach(() => chain.revert());
afterAll(() => chain.stop());

/** A dataset paid in `token`, with one active version held by A (60 %), B (30 %) and `extra` (10 %). */
async function market(token: Address, extra: Address = addressOf('adversarial-c'), fee = false) {
  const datasetId = await f.registerDataset({
    paymentTokens: [token],
    reservePrice: 1_000n,
    ...(fee ? { feeBps: 1_000, feeRecipient: extra } : {}),
  });
  const { version, tree } = await f.publishVersion(datasetId, [
    { account: A, amount: 6_000n },
    { account: B, amount: 3_000n },
    { account: extra, amount: 1_000n },
  ]);
  await f.claim(datasetId, version, tree, 0);
  await f.claim(datasetId, version, tree, 1);
  return { datasetId, version, tree };
}

function token(address: Address) {
  return getContract({ address, abi: reentrantTokenAbi, client: f.client });
}

async function fund(tokenAddress: Address, buyer: Address, amount: bigint) {
  await f.send(token(tokenAddress).write.mint([buyer, amount], { account: buyer }));
  await f.send(token(tokenAddress).write.approve([f.plazaAddress, amount], { account: buyer }));
}

async function propose(datasetId: bigint, version: number, tokenAddress: Address, price = PRICE) {
  const receipt = await f.send(
    f.plaza.write.proposeLicense([datasetId, version, tokenAddress, price, 30 * DAY, terms], {
      account: roles.buyer,
    }),
  );
  const [event] = eventsOf(receipt, 'LicenseProposed');
  return { proposalId: event!.args.proposalId, escrow: event!.args.escrow };
}

async function approveAndSettle(proposalId: bigint) {
  await f.send(f.plaza.write.vote([proposalId, true], { account: A }));
  return f.send(f.plaza.write.settle([proposalId], { account: roles.stranger }));
}

/** The error the token's armed callback hit (it must have failed). */
async function lastReentry(): Promise<string | undefined> {
  const t = token(tokens.reentrant);
  expect(await t.read.reentries()).toBeGreaterThan(0n);
  expect(await t.read.lastSucceeded()).toBe(false);
  return decodeRevertData(await t.read.lastReturn())?.errorName;
}

describe('reentrant token', () => {
  it('cannot re-enter settle from a refund push', async () => {
    const { datasetId, version } = await market(tokens.reentrant);
    await fund(tokens.reentrant, roles.buyer, 2n * PRICE);
    const first = await propose(datasetId, version, tokens.reentrant);
    const second = await propose(datasetId, version, tokens.reentrant);
    await chain.warp(3 * DAY);
    const reenter = encodeFunctionData({
      abi: plazaAbi,
      functionName: 'settle',
      args: [second.proposalId],
    });
    await f.send(token(tokens.reentrant).write.arm([f.plazaAddress, reenter], { account: A }));
    const receipt = await f.send(
      f.plaza.write.settle([first.proposalId], { account: roles.stranger }),
    );
    expect(await lastReentry()).toBe('ReentrancyGuardReentrantCall');
    expect(eventsOf(receipt, 'LicenseRefunded')[0]?.args.pushed).toBe(true);
    expect((await f.plaza.read.getProposal([second.proposalId])).status).toBe(1); // still open
    await f.send(f.plaza.write.settle([second.proposalId], { account: roles.stranger }));
    expect(await token(tokens.reentrant).read.balanceOf([roles.buyer])).toBe(2n * PRICE);
  });

  it('cannot re-enter proposeLicense to inflate the escrow measured by balance difference', async () => {
    const { datasetId, version } = await market(tokens.reentrant);
    await fund(tokens.reentrant, roles.buyer, 2n * PRICE);
    const nested = encodeFunctionData({
      abi: plazaAbi,
      functionName: 'proposeLicense',
      args: [datasetId, version, tokens.reentrant, PRICE, DAY, terms],
    });
    await f.send(token(tokens.reentrant).write.arm([f.plazaAddress, nested], { account: A }));
    const { escrow } = await propose(datasetId, version, tokens.reentrant);
    expect(await lastReentry()).toBe('ReentrancyGuardReentrantCall');
    expect(escrow).toBe(PRICE);
    expect(await f.plaza.read.proposalCount()).toBe(1n);
    expect(await token(tokens.reentrant).read.balanceOf([f.plazaAddress])).toBe(PRICE);
  });

  it('pays a re-entering holder exactly once', async () => {
    // The token contract itself holds shares and claims through `execute`.
    const { datasetId, version, tree } = await market(tokens.reentrant, tokens.reentrant);
    await f.claim(datasetId, version, tree, 2);
    await fund(tokens.reentrant, roles.buyer, PRICE);
    await approveAndSettle((await propose(datasetId, version, tokens.reentrant)).proposalId);
    const claimCall = encodeFunctionData({
      abi: plazaAbi,
      functionName: 'claimRevenue',
      args: [datasetId, version, tokens.reentrant],
    });
    await f.send(token(tokens.reentrant).write.arm([f.plazaAddress, claimCall], { account: A }));
    await f.send(
      token(tokens.reentrant).write.execute([f.plazaAddress, claimCall], { account: A }),
    );
    expect(await lastReentry()).toBe('PlazaNothingToClaim');
    expect(await token(tokens.reentrant).read.balanceOf([tokens.reentrant])).toBe(PRICE / 10n);
  });

  it('pays a re-entering credit owner exactly once', async () => {
    const { datasetId, version } = await market(tokens.reentrant, tokens.reentrant, true);
    await fund(tokens.reentrant, roles.buyer, PRICE);
    await approveAndSettle((await propose(datasetId, version, tokens.reentrant)).proposalId);
    const withdraw = encodeFunctionData({
      abi: plazaAbi,
      functionName: 'withdrawCredit',
      args: [tokens.reentrant],
    });
    await f.send(token(tokens.reentrant).write.arm([f.plazaAddress, withdraw], { account: A }));
    await f.send(token(tokens.reentrant).write.execute([f.plazaAddress, withdraw], { account: A }));
    expect(await lastReentry()).toBe('PlazaNothingToClaim');
    expect(await token(tokens.reentrant).read.balanceOf([tokens.reentrant])).toBe(PRICE / 10n);
  });
});

describe('fee-on-transfer tokens (L-3: refused explicitly)', () => {
  it('refuses a token that takes its fee out of the amount sent', async () => {
    const { datasetId, version } = await market(tokens.fot);
    await fund(tokens.fot, roles.buyer, PRICE);
    const reason = await revertReason(
      f.plaza.simulate.proposeLicense([datasetId, version, tokens.fot, PRICE, DAY, terms], {
        account: roles.buyer,
      }),
    );
    expect(reason).toEqual({
      errorName: 'PlazaTransferNotExact',
      args: [tokens.fot, PRICE, PRICE - PRICE / 100n, PRICE],
    });
    expect(await token(tokens.fot).read.balanceOf([f.plazaAddress])).toBe(0n);
  });

  it('refuses a token whose sender pays the fee on top (payouts would drain more than credited)', async () => {
    const { datasetId, version } = await market(tokens.feeOnTop);
    await fund(tokens.feeOnTop, roles.buyer, 2n * PRICE);
    const reason = await revertReason(
      f.plaza.simulate.proposeLicense([datasetId, version, tokens.feeOnTop, PRICE, DAY, terms], {
        account: roles.buyer,
      }),
    );
    expect(reason).toEqual({
      errorName: 'PlazaTransferNotExact',
      args: [tokens.feeOnTop, PRICE, PRICE, PRICE + PRICE / 100n],
    });
  });
});

describe('token that returns nothing', () => {
  it('works for escrow, revenue and pushed refunds', async () => {
    const { datasetId, version } = await market(tokens.noReturn);
    const t = getContract({ address: tokens.noReturn, abi: noReturnTokenAbi, client: f.client });
    await f.send(t.write.mint([roles.buyer, 2n * PRICE], { account: roles.buyer }));
    await f.send(t.write.approve([f.plazaAddress, 2n * PRICE], { account: roles.buyer }));
    const approved = await propose(datasetId, version, tokens.noReturn);
    const refunded = await propose(datasetId, version, tokens.noReturn);
    await approveAndSettle(approved.proposalId);
    await f.send(f.plaza.write.claimRevenue([datasetId, version, tokens.noReturn], { account: B }));
    expect(await t.read.balanceOf([B])).toBe((PRICE * 3_000n) / 10_000n);
    await chain.warp(3 * DAY);
    const receipt = await f.send(
      f.plaza.write.settle([refunded.proposalId], { account: roles.stranger }),
    );
    expect(eventsOf(receipt, 'LicenseRefunded')[0]?.args.pushed).toBe(true);
    expect(await t.read.balanceOf([roles.buyer])).toBe(PRICE);
  });
});

describe('buyer that refuses its refund', () => {
  async function hostileProposal(mode: number) {
    const { datasetId, version } = await market(tokens.callback);
    const buyer = getContract({ address: hostile, abi: hostileBuyerAbi, client: f.client });
    await f.send(token(tokens.callback).write.mint([hostile, PRICE], { account: A }));
    await f.send(
      buyer.write.propose([f.plazaAddress, datasetId, version, tokens.callback, PRICE, DAY], {
        account: A,
      }),
    );
    await f.send(buyer.write.setMode([mode], { account: A }));
    await chain.warp(3 * DAY);
    return { buyer, proposalId: await f.plaza.read.proposalCount() };
  }

  it('cannot block settlement by reverting: the refund becomes a credit it can withdraw later', async () => {
    const { buyer, proposalId } = await hostileProposal(1);
    const receipt = await f.send(f.plaza.write.settle([proposalId], { account: roles.stranger }));
    expect(eventsOf(receipt, 'LicenseRefunded')[0]?.args).toMatchObject({
      buyer: hostile,
      amount: PRICE,
      pushed: false,
    });
    expect(eventsOf(receipt, 'CreditAccrued')[0]?.args).toEqual({
      account: hostile,
      token: tokens.callback,
      amount: PRICE,
    });
    expect(await f.plaza.read.creditOf([hostile, tokens.callback])).toBe(PRICE);
    await f.send(buyer.write.setMode([0], { account: A }));
    await f.send(buyer.write.withdraw([f.plazaAddress, tokens.callback], { account: A }));
    expect(await token(tokens.callback).read.balanceOf([hostile])).toBe(PRICE);
    expect(await f.plaza.read.creditOf([hostile, tokens.callback])).toBe(0n);
  });

  it('cannot block settlement by burning gas: the push is capped', async () => {
    const { proposalId } = await hostileProposal(2);
    const receipt = await f.send(
      f.plaza.write.settle([proposalId], { account: roles.stranger, gas: 1_000_000n }),
    );
    expect(eventsOf(receipt, 'LicenseRefunded')[0]?.args.pushed).toBe(false);
    expect(receipt.gasUsed).toBeLessThan(250_000n);
    expect(await f.plaza.read.creditOf([hostile, tokens.callback])).toBe(PRICE);
  });
});
