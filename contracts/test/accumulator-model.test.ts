import fc from 'fast-check';
import { maxUint256 } from 'viem';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSharesTree } from '../src/shares-tree.ts';
import { addressOf, startTestChain, type TestChain } from './support/chain.ts';
import { fuzzRuns } from './support/fuzz.ts';
import { createPlazaFixture, DAY, type PlazaFixture, roles } from './support/plaza-fixture.ts';

/**
 * Differential test: random holders, licenses (approved or refunded), late share claims and revenue
 * claims run on the contract and on a TypeScript bigint model. The model keeps both the contract's
 * exact arithmetic (accumulator = 1 + Σ floor(revenue·2^128 / total), paid = floor(shares·acc / 2^128))
 * and the ideal rational share (Σ revenue · shares / total); every holder must match the first exactly
 * and the second within 1 wei.
 */

let chain: TestChain;
let f: PlazaFixture;

beforeAll(async () => {
  chain = await startTestChain();
  f = await createPlazaFixture(chain);
  await f.send(f.usd.write.mint([roles.buyer, 10n ** 30n], { account: roles.buyer }));
  await f.send(f.usd.write.approve([f.plazaAddress, maxUint256], { account: roles.buyer }));
  await chain.snapshot();
});
afterAll(() => chain.stop());

type Action =
  | { kind: 'license'; price: bigint; approve: boolean }
  | { kind: 'claimShares'; holder: number }
  | { kind: 'claimRevenue'; holder: number };

const scenario = fc.record({
  amounts: fc.array(fc.bigInt({ min: 1n, max: 10n ** 24n }), { minLength: 2, maxLength: 6 }),
  actions: fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant('license' as const),
        price: fc.oneof(
          fc.bigInt({ min: 1n, max: 1_000n }),
          fc.bigInt({ min: 1n, max: 10n ** 27n }),
        ),
        approve: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('claimShares' as const), holder: fc.nat(5) }),
      fc.record({ kind: fc.constant('claimRevenue' as const), holder: fc.nat(5) }),
    ),
    { minLength: 1, maxLength: 12 },
  ),
});

it('pays every holder what the bigint model says (exactly, and within 1 wei of the ideal share)', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ amounts, actions }) => {
      await chain.revert();
      const holders = amounts.map((amount, i) => ({ account: addressOf(`model-${i}`), amount }));
      const total = amounts.reduce((a, b) => a + b, 0n);
      // Holder 0 claims at once; on an "approve" license every claimed holder votes for (until an
      // absolute majority closes the vote), and the model decides the outcome (quorum: 1 basis point).
      const datasetId = await f.registerDataset({ reservePrice: 1n, quorumBps: 1 });
      const tree = await buildSharesTree({ datasetId, version: 1n, holders });
      const { version } = await f.publishVersion(datasetId, holders, { tree });
      const claimed = new Set<number>();
      const claimShares = async (i: number) => {
        await f.claim(datasetId, version, tree, i);
        claimed.add(i);
      };
      await claimShares(0);

      let acc = 0n; // the model accumulator (0 until a proposal warms it to 1)
      let credited = 0n;
      const paid = amounts.map(() => 0n);
      const claimRevenue = async (i: number) => {
        const before = await f.usd.read.balanceOf([holders[i]!.account]);
        const owed = ((amounts[i]! * acc) >> 128n) - paid[i]!;
        if (owed === 0n) return;
        await f.send(
          f.plaza.write.claimRevenue([datasetId, version, f.usdAddress], {
            account: holders[i]!.account,
          }),
        );
        const received = (await f.usd.read.balanceOf([holders[i]!.account])) - before;
        expect(received).toBe(owed);
        paid[i] = paid[i]! + received;
      };

      for (const action of actions as Action[]) {
        if (action.kind === 'license') {
          const { proposalId } = await f.proposeLicense(datasetId, version, {
            price: action.price,
          });
          if (acc === 0n) acc = 1n;
          let votedFor = 0n;
          if (action.approve) {
            for (const i of [...claimed].sort()) {
              if (2n * votedFor > total) break;
              await f.send(
                f.plaza.write.vote([proposalId, true], { account: holders[i]!.account }),
              );
              votedFor += amounts[i]!;
            }
          }
          await chain.warp(3 * DAY);
          await f.send(f.plaza.write.settle([proposalId], { account: roles.stranger }));
          const approved = votedFor > 0n && votedFor * 10_000n >= total;
          if (approved) {
            expect(await f.plaza.read.hasValidLicense([roles.buyer, datasetId, version])).toBe(
              true,
            );
            acc += (action.price << 128n) / total;
            credited += action.price;
          }
          expect(await f.plaza.read.revenuePerShare([datasetId, version, f.usdAddress])).toBe(acc);
        } else if (action.kind === 'claimShares') {
          const i = action.holder % holders.length;
          if (!claimed.has(i)) await claimShares(i);
        } else {
          const i = action.holder % holders.length;
          if (claimed.has(i)) await claimRevenue(i);
        }
      }

      // Everyone claims at the end; then compare with the ideal rational share.
      for (let i = 0; i < holders.length; i++) {
        if (!claimed.has(i)) await claimShares(i);
        await claimRevenue(i);
        const ideal = credited * amounts[i]!; // × 1/total
        const diff = paid[i]! * total - ideal;
        expect(diff <= total && -diff <= total, `holder ${i} off by more than 1 wei`).toBe(true);
      }
      const totalPaid = paid.reduce((a, b) => a + b, 0n);
      expect(totalPaid).toBeLessThanOrEqual(credited);
      expect(credited - totalPaid).toBeLessThanOrEqual(BigInt(holders.length));
      expect(await f.usd.read.balanceOf([f.plazaAddress])).toBe(credited - totalPaid);
    }),
    { numRuns: fuzzRuns(30), endOnFailure: true },
  );
}, 600_000);
