import fc from 'fast-check';
import { afterAll, beforeAll, it } from 'vitest';
import type { TestChain } from './support/chain.ts';
import { fuzzRuns } from './support/fuzz.ts';
import { checkHeavy } from './support/invariant-checks.ts';
import {
  claimRevenue,
  claimShares,
  propose,
  settleCmd,
  vote,
  warp,
  withdrawCredit,
} from './support/invariant-handlers.ts';
import { createInvariantWorld, newModel, type Real } from './support/invariant-world.ts';

/**
 * Handler-based invariant testing: fast-check draws sequences of actions (propose, vote, vote with proof,
 * claim shares, settle, warp, claim revenue, withdraw credit), runs them on the contract, mirrors them in
 * a model with ghost variables, predicts every revert, and checks the invariants after each action and at
 * the end of each sequence.
 *
 * Invariants: conservation (token balance = open escrow + approved revenue + refunds held as credit −
 * revenue paid − credits withdrawn), solvency per version, no holder overpaid, accumulators never
 * decrease, each proposal settles exactly once, any expired proposal can be settled, vote tallies equal
 * the sum of distinct voters' weights. Handlers live in support/invariant-handlers.ts.
 */

let chain: TestChain;
let real: Real;

beforeAll(async () => {
  ({ chain, real } = await createInvariantWorld());
}, 120_000);
afterAll(() => chain.stop());

it('keeps every invariant over random action sequences', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          { arbitrary: propose, weight: 3 },
          { arbitrary: vote, weight: 8 },
          { arbitrary: claimShares, weight: 2 },
          { arbitrary: settleCmd, weight: 3 },
          { arbitrary: warp, weight: 2 },
          { arbitrary: claimRevenue, weight: 3 },
          { arbitrary: withdrawCredit, weight: 1 },
        ),
        { minLength: 30, maxLength: 60 },
      ),
      async (commands) => {
        await chain.revert();
        const model = newModel();
        await fc.asyncModelRun(() => ({ model, real }), commands);
        await checkHeavy(model, real);
      },
    ),
    { numRuns: fuzzRuns(12), endOnFailure: true },
  );
}, 900_000);
