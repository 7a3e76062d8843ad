import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestChain } from './support/chain.ts';
import { fuzzRuns } from './support/fuzz.ts';
import { checkHeavy } from './support/invariant-checks.ts';
import {
  claimRevenue,
  claimShares,
  propose,
  proposeSweepTo,
  settleCmd,
  sweep,
  vote,
  voteEverywhere,
  warp,
  withdrawCredit,
} from './support/invariant-handlers.ts';
import {
  createInvariantWorld,
  type Model,
  newModel,
  type Real,
  SPAM_PROPOSALS,
} from './support/invariant-world.ts';
import { roles } from './support/plaza-fixture.ts';

/**
 * Handler-based invariant testing: fast-check draws sequences of 64 actions (propose, propose a sweep
 * destination, vote, vote everywhere in any order, claim shares, settle, warp, claim revenue, sweep,
 * withdraw credit), runs them on the contract, mirrors them in a model with ghost variables, predicts
 * every revert, and checks the invariants after each action and at the end of each sequence.
 *
 * Invariants: any holder can vote on any open proposal of their version (the model predicts success
 * exactly then, and the vote record is exact for every proposal and holder); conservation (token
 * balance = open escrow + approved revenue + refunds held as credit − revenue paid − credits withdrawn −
 * unclaimed revenue swept); per version, what holders were paid or can claim plus what the unclaimed
 * shares are owed (swept or sweepable) equals the revenue credited, less under one unit per payee; no
 * holder overpaid; accumulators never decrease; a revoked version earns and pays nothing; each proposal
 * settles exactly once; and no reachable state leaves value unclaimable — past every deadline,
 * everything settles, is paid, withdrawn or swept, and only rounding dust remains.
 * Handlers live in support/invariant-handlers.ts. CI runs `fuzzRuns(12)` sequences; the depth
 * is `PLAZA_FUZZ_RUNS=256` (`pnpm --filter @plaza/contracts test:invariants`).
 */

let chain: TestChain;
let real: Real;

/** How often the paths the invariants are about were reached, over all runs. */
const reached = {
  licensesApproved: 0,
  votesPastSlot: 0,
  sweptDuringRun: 0,
  destinationsChosen: 0,
  runsPastDeadline: 0,
};

function tally(m: Model, pastDeadline: boolean) {
  reached.licensesApproved += [...m.credited.values()].filter((x) => x > 0n).length;
  reached.votesPastSlot += m.proposals
    .filter((p) => p.v === 0)
    .slice(160 - SPAM_PROPOSALS)
    .reduce((a, p) => a + p.votes.size, 0);
  reached.sweptDuringRun += [...m.swept.values()].filter((x) => x > 0n).length;
  reached.destinationsChosen += m.sweepTo.filter((to) => to !== roles.treasury).length;
  reached.runsPastDeadline += pastDeadline ? 1 : 0;
}

beforeAll(async () => {
  ({ chain, real } = await createInvariantWorld());
}, 300_000);
afterAll(() => chain.stop());

const runs = fuzzRuns(12);

it('keeps every invariant over random action sequences', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          { arbitrary: propose, weight: 4 },
          { arbitrary: proposeSweepTo, weight: 2 },
          { arbitrary: vote, weight: 10 },
          { arbitrary: voteEverywhere, weight: 2 },
          { arbitrary: claimShares, weight: 3 },
          { arbitrary: settleCmd, weight: 3 },
          { arbitrary: warp, weight: 5 },
          { arbitrary: claimRevenue, weight: 3 },
          { arbitrary: sweep, weight: 3 },
          { arbitrary: withdrawCredit, weight: 1 },
        ),
        { minLength: 64, maxLength: 64 },
      ),
      async (commands) => {
        await chain.revert();
        const model = newModel();
        await fc.asyncModelRun(() => ({ model, real }), commands);
        tally(model, (await chain.now()) >= real.deadlines[0]!);
        await checkHeavy(model, real);
      },
    ),
    { numRuns: runs, endOnFailure: true },
  );
  console.info(`invariants: ${runs} runs × 64 actions reached ${JSON.stringify(reached)}`);
  // A deep run must have reached every path at least once (CI's short run may not).
  if (runs >= 128) for (const count of Object.values(reached)) expect(count).toBeGreaterThan(0);
}, 3_600_000);
