import { describe, expect, it } from 'vitest';
import {
  BUYER,
  chainEvent,
  HOLDER,
  HOLDER_2,
  licenseProposedEvent,
  sweepProposedEvent,
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
        startsAt: END,
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

  it('lists open proposals first, the one closing soonest on top, then settled ones newest first', () => {
    const settled = (id: bigint) =>
      chainEvent('LicenseRefunded', {
        proposalId: id,
        buyer: BUYER,
        amount: 1n,
        quorumReached: false,
      });
    const order = groupProposals([
      licenseProposedEvent(1n, END + 50),
      licenseProposedEvent(2n, END + 10),
      licenseProposedEvent(3n, END + 30),
      licenseProposedEvent(4n, END),
      licenseProposedEvent(5n, END + 5),
      settled(4n),
      settled(5n),
    ]).map((proposal) => proposal.proposalId);
    // No newest-first list, where an old proposal sinks below a stream of new ones.
    expect(order).toEqual([2n, 3n, 1n, 5n, 4n]);
  });

  it('groups sweep-destination proposals with their votes and outcome', () => {
    const charity = '0x00000000000000000000000000000000000000c4' as const;
    const [rejected, approved] = groupProposals([
      sweepProposedEvent(6n, END, charity),
      voteEvent(6n, HOLDER, true, 600_000n),
      chainEvent('SweepToApproved', {
        proposalId: 6n,
        datasetId: 1n,
        version: 1,
        destination: charity,
      }),
      sweepProposedEvent(7n, END, BUYER),
      chainEvent('SweepToRejected', { proposalId: 7n, quorumReached: false }),
    ]);
    expect(approved).toMatchObject({
      proposalId: 6n,
      kind: 'sweep',
      destination: charity,
      buyer: HOLDER,
      escrow: 0n,
      forVotes: 600_000n,
      status: 'approved',
      voteStart: END - 3 * 86_400,
    });
    expect(rejected).toMatchObject({
      proposalId: 7n,
      status: 'rejected',
      refund: { amount: 0n, quorumReached: false },
    });
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
