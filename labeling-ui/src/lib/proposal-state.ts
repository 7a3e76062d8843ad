/**
 * A proposal's stored status (the contract's `ProposalStatus`, without `None`). `rejected`: a
 * sweep proposal settled without passing (a license that fails is `refunded`).
 */
export type ProposalStatusName = 'open' | 'approved' | 'refunded' | 'rejected';

/** What the outcome of a proposal depends on, read from the chain or its events. */
export interface ProposalTally {
  status: ProposalStatusName;
  forVotes: bigint;
  againstVotes: bigint;
  /** The version's total shares, fixed when the proposal was made. */
  totalShares: bigint;
  /** Participation needed, in basis points of `totalShares`. */
  quorumBps: number;
  /** When voting opens, after the dataset's voting delay (unix seconds). */
  voteStart: number;
  /** When voting closes (unix seconds). */
  voteEnd: number;
}

/**
 * Where a proposal stands (the contract's `ProposalOutcome`, without `None`): `pending` while its
 * voting delay runs, nobody can vote yet.
 */
export type ProposalPhase =
  | 'pending'
  | 'voting'
  | 'passed'
  | 'failed'
  | 'approved'
  | 'refunded'
  | 'rejected';

/** A proposal's phase and what can be done with it now. */
export interface ProposalState {
  phase: ProposalPhase;
  /** `vote` / `voteWithProof` would be accepted. */
  canVote: boolean;
  /** `settle` would be accepted: the vote is decided or its deadline has passed. */
  canSettle: boolean;
  /** An absolute majority decided the vote before its deadline. */
  decidedEarly: boolean;
  quorumReached: boolean;
  /** Votes (for + against) that reach quorum. */
  quorumVotes: bigint;
  /** Seconds until voting opens; 0 once it has. */
  secondsToStart: number;
  /** Seconds until voting closes; 0 once it has. */
  secondsLeft: number;
}

/**
 * Derives a proposal's state exactly as the contract does (`proposalOutcome`, `settle`,
 * `_requireVoting`): nobody votes before `voteStart`; more than half of all shares for passes it at
 * once, half or more against fails it at once; otherwise it votes until `voteEnd`, then passes when
 * quorum is reached and more shares voted for than against.
 *
 * @param now The chain's time (unix seconds).
 */
export function proposalState(tally: ProposalTally, now: number): ProposalState {
  const { forVotes, againstVotes, totalShares, quorumBps, voteStart, voteEnd } = tally;
  const quorumReached = (forVotes + againstVotes) * 10_000n >= totalShares * BigInt(quorumBps);
  const quorumVotes = ceilDiv(totalShares * BigInt(quorumBps), 10_000n);
  const settled = tally.status !== 'open';
  const passedEarly = 2n * forVotes > totalShares;
  const failedEarly = 2n * againstVotes >= totalShares;
  let phase: ProposalPhase;
  if (settled) phase = tally.status as Exclude<ProposalStatusName, 'open'>;
  else if (passedEarly) phase = 'passed';
  else if (failedEarly) phase = 'failed';
  else if (now < voteStart) phase = 'pending';
  else if (now < voteEnd) phase = 'voting';
  else phase = quorumReached && forVotes > againstVotes ? 'passed' : 'failed';
  return {
    phase,
    canVote: phase === 'voting',
    canSettle: !settled && (phase === 'passed' || phase === 'failed'),
    decidedEarly: !settled && (passedEarly || failedEarly) && now < voteEnd,
    quorumReached,
    quorumVotes,
    secondsToStart: settled ? 0 : Math.max(0, voteStart - now),
    secondsLeft: settled ? 0 : Math.max(0, voteEnd - now),
  };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
