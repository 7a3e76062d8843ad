import { describe, expect, it } from 'vitest';
import { type ProposalTally, proposalState } from './proposal-state.ts';

const NOW = 1_800_000_000;

function tally(overrides: Partial<ProposalTally> = {}): ProposalTally {
  return {
    status: 'open',
    forVotes: 0n,
    againstVotes: 0n,
    totalShares: 1000n,
    quorumBps: 2000,
    voteStart: NOW - 3600,
    voteEnd: NOW + 3600,
    ...overrides,
  };
}

describe('proposalState', () => {
  it('is voting before the deadline while undecided', () => {
    const state = proposalState(tally({ forVotes: 300n, againstVotes: 100n }), NOW);
    expect(state).toMatchObject({
      phase: 'voting',
      canVote: true,
      canSettle: false,
      decidedEarly: false,
      quorumReached: true,
      quorumVotes: 200n,
      secondsLeft: 3600,
    });
  });

  it('passes at once with more than half of all shares for', () => {
    const state = proposalState(tally({ forVotes: 501n }), NOW);
    expect(state).toMatchObject({ phase: 'passed', canVote: false, canSettle: true });
    expect(state.decidedEarly).toBe(true);
    // Exactly half for is not a majority yet.
    expect(proposalState(tally({ forVotes: 500n }), NOW).phase).toBe('voting');
  });

  it('fails at once with half or more of all shares against', () => {
    const state = proposalState(tally({ againstVotes: 500n }), NOW);
    expect(state).toMatchObject({ phase: 'failed', canVote: false, canSettle: true });
    expect(state.decidedEarly).toBe(true);
  });

  it('after the deadline passes with quorum and more for than against', () => {
    const after = NOW + 3600;
    expect(proposalState(tally({ forVotes: 150n, againstVotes: 60n }), after)).toMatchObject({
      phase: 'passed',
      canSettle: true,
      decidedEarly: false,
      secondsLeft: 0,
    });
    // A tie fails.
    expect(proposalState(tally({ forVotes: 150n, againstVotes: 150n }), after).phase).toBe(
      'failed',
    );
  });

  it('after the deadline fails without quorum, however the votes went', () => {
    const state = proposalState(tally({ forVotes: 199n }), NOW + 7200);
    expect(state).toMatchObject({ phase: 'failed', quorumReached: false, canSettle: true });
  });

  it('rounds the quorum up, as the contract compares (for + against) × 10,000 ≥ total × bps', () => {
    const odd = tally({ totalShares: 1001n, quorumBps: 2000 });
    expect(proposalState(odd, NOW).quorumVotes).toBe(201n);
    expect(proposalState({ ...odd, forVotes: 200n, againstVotes: 0n }, NOW).quorumReached).toBe(
      false,
    );
    expect(proposalState({ ...odd, forVotes: 201n }, NOW).quorumReached).toBe(true);
  });

  it('waits for the voting delay: pending, no vote and nothing to settle until voteStart', () => {
    const delayed = tally({ voteStart: NOW + 600 });
    expect(proposalState(delayed, NOW)).toMatchObject({
      phase: 'pending',
      canVote: false,
      canSettle: false,
      secondsToStart: 600,
      secondsLeft: 3600,
    });
    expect(proposalState(delayed, NOW + 600)).toMatchObject({
      phase: 'voting',
      canVote: true,
      secondsToStart: 0,
    });
  });

  it('reports settled proposals as they are stored, with nothing left to do', () => {
    for (const status of ['approved', 'refunded', 'rejected'] as const) {
      const state = proposalState(tally({ status, forVotes: 900n }), NOW);
      expect(state).toMatchObject({
        phase: status,
        canVote: false,
        canSettle: false,
        decidedEarly: false,
        secondsLeft: 0,
      });
    }
  });
});
