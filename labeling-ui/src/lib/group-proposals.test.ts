import { describe, expect, it } from 'vitest';
import {
  BUYER,
  chainEvent,
  HOLDER,
  HOLDER_2,
  licenseProposedEvent,
  voteEvent,
} from '../testing/governance-fixtures.ts';
import { groupProposals, proposalTally } from './group-proposals.ts';
import { proposalState } from './proposal-state.ts';

const END = 1_800_000_000;

describe('groupProposals', () => {
  it('tallies votes and records settlements, newest proposal first', () => {
    const events = [
      licenseProposedEvent(1n, END),
      voteEvent(1n, HOLDER, true, 300_000n),
      voteEvent(1n, HOLDER_2, false, 100_000n),
      licenseProposedEvent(2n, END + 10),
      voteEvent(2n, HOLDER, false, 300_000n),
      chainEvent('LicenseApproved', {
        proposalId: 1n,
        buyer: BUYER,
        expiresAt: END + 30 * 86_400,
        revenue: 250_000_000n,
        fee: 0n,
      }),
      // A vote on a proposal not among the events is ignored.
      voteEvent(9n, HOLDER, true, 1n),
    ];
    const [second, first] = groupProposals(events);
    expect(first).toMatchObject({
      proposalId: 1n,
      forVotes: 300_000n,
      againstVotes: 100_000n,
      status: 'approved',
      approval: { revenue: 250_000_000n },
    });
    expect(first?.votes).toHaveLength(2);
    expect(second).toMatchObject({ proposalId: 2n, forVotes: 0n, againstVotes: 300_000n });
    expect(second?.status).toBe('open');
  });

  it('marks refunds with whether quorum was reached', () => {
    const [proposal] = groupProposals([
      licenseProposedEvent(4n, END),
      chainEvent('LicenseRefunded', {
        proposalId: 4n,
        buyer: BUYER,
        amount: 250_000_000n,
        quorumReached: false,
      }),
    ]);
    expect(proposal).toMatchObject({
      status: 'refunded',
      refund: { amount: 250_000_000n, quorumReached: false },
    });
  });

  it("feeds the contract's outcome rule with the version's shares and the dataset's quorum", () => {
    const [proposal] = groupProposals([
      licenseProposedEvent(1n, END),
      voteEvent(1n, HOLDER, true, 300_000n),
    ]);
    if (!proposal) throw new Error('no proposal');
    const tally = proposalTally(proposal, 1_000_000n, 2000);
    expect(proposalState(tally, END - 1).phase).toBe('voting');
    expect(proposalState(tally, END).phase).toBe('passed');
  });
});
