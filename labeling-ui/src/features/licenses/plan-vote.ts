import type { ShareProof } from '../../lib/governance-schemas.ts';

/** How the connected account can vote on a proposal of the version it holds shares in. */
export type VotePlan =
  /** Shares already claimed: `vote(proposalId, support)`. */
  | { kind: 'vote' }
  /** Shares not claimed yet: `voteWithProof` claims them and votes in one transaction. */
  | { kind: 'vote-with-proof'; index: number; amount: bigint; proof: readonly `0x${string}`[] }
  /** The account has no shares in the version. */
  | { kind: 'no-shares' };

/**
 * Picks `vote` when the account's shares are claimed, `voteWithProof` with its leaf when they are
 * not (saving a separate claim), and nothing when it holds none.
 */
export function planVote(holding: { claimed: bigint; proof: ShareProof | null }): VotePlan {
  if (holding.claimed > 0n) return { kind: 'vote' };
  if (holding.proof && holding.proof.amount > 0n) {
    const { index, amount, proof } = holding.proof;
    return { kind: 'vote-with-proof', index, amount, proof };
  }
  return { kind: 'no-shares' };
}
