import { describe, expect, it } from 'vitest';
import type { ShareProof } from '../../lib/governance-schemas.ts';
import { planVote } from './plan-vote.ts';

const proof: ShareProof = {
  datasetId: '1',
  version: 1,
  account: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
  index: 4,
  amount: 250n,
  proof: [`0x${'ab'.repeat(32)}`],
  root: `0x${'cd'.repeat(32)}`,
};

describe('planVote', () => {
  it('votes with the claimed shares', () => {
    expect(planVote({ claimed: 250n, proof })).toEqual({ kind: 'vote' });
  });

  it('claims and votes in one go when the shares are not claimed yet', () => {
    expect(planVote({ claimed: 0n, proof })).toEqual({
      kind: 'vote-with-proof',
      index: 4,
      amount: 250n,
      proof: proof.proof,
    });
  });

  it('cannot vote without shares', () => {
    expect(planVote({ claimed: 0n, proof: null })).toEqual({ kind: 'no-shares' });
  });
});
