import { mergeEvents } from './chain-events.ts';
import type { ChainEvent } from './governance-schemas.ts';
import type { ProposalStatusName, ProposalTally } from './proposal-state.ts';

/** One holder's vote. */
export interface ProposalVote {
  voter: `0x${string}`;
  support: boolean;
  weight: bigint;
}

/** A license proposal, from its `LicenseProposed` event and what followed. */
export interface ProposalSummary {
  proposalId: bigint;
  datasetId: bigint;
  version: number;
  /** Its sequence number within the version. */
  seq: number;
  buyer: `0x${string}`;
  token: `0x${string}`;
  escrow: bigint;
  /** License duration asked for, in seconds. */
  duration: number;
  /** When voting closes (unix seconds). */
  voteEnd: number;
  termsHash: `0x${string}`;
  votes: ProposalVote[];
  forVotes: bigint;
  againstVotes: bigint;
  status: ProposalStatusName;
  /** Set once settled as approved. */
  approval: { expiresAt: number; revenue: bigint; fee: bigint } | null;
  /** Set once settled as refunded. */
  refund: { amount: bigint; quorumReached: boolean } | null;
}

/**
 * Groups license events into proposals, newest first: `LicenseProposed` opens one, `VoteCast`
 * adds to its tallies, `LicenseApproved` / `LicenseRefunded` settle it. Votes of proposals not
 * among the events are ignored.
 */
export function groupProposals(events: readonly ChainEvent[]): ProposalSummary[] {
  const proposals = new Map<bigint, ProposalSummary>();
  for (const event of mergeEvents(events)) {
    if (event.name === 'LicenseProposed') {
      const { args } = event;
      proposals.set(args.proposalId, {
        proposalId: args.proposalId,
        datasetId: args.datasetId,
        version: args.version,
        seq: args.seq,
        buyer: args.buyer,
        token: args.token,
        escrow: args.escrow,
        duration: args.duration,
        voteEnd: args.voteEnd,
        termsHash: args.termsHash,
        votes: [],
        forVotes: 0n,
        againstVotes: 0n,
        status: 'open',
        approval: null,
        refund: null,
      });
      continue;
    }
    if (
      event.name !== 'VoteCast' &&
      event.name !== 'LicenseApproved' &&
      event.name !== 'LicenseRefunded'
    ) {
      continue;
    }
    const proposal = proposals.get(event.args.proposalId);
    if (!proposal) continue;
    if (event.name === 'VoteCast') {
      const { voter, support, weight } = event.args;
      proposal.votes.push({ voter, support, weight });
      if (support) proposal.forVotes += weight;
      else proposal.againstVotes += weight;
    } else if (event.name === 'LicenseApproved') {
      const { expiresAt, revenue, fee } = event.args;
      proposal.status = 'approved';
      proposal.approval = { expiresAt, revenue, fee };
    } else {
      proposal.status = 'refunded';
      proposal.refund = { amount: event.args.amount, quorumReached: event.args.quorumReached };
    }
  }
  return [...proposals.values()].sort((a, b) => (a.proposalId < b.proposalId ? 1 : -1));
}

/**
 * The tally of a proposal as its events tell it. The version's total shares and the dataset's
 * quorum come from their own events (the contract copies both into the proposal when it is made;
 * neither changes afterwards).
 */
export function proposalTally(
  proposal: ProposalSummary,
  totalShares: bigint,
  quorumBps: number,
): ProposalTally {
  return {
    status: proposal.status,
    forVotes: proposal.forVotes,
    againstVotes: proposal.againstVotes,
    totalShares,
    quorumBps,
    voteEnd: proposal.voteEnd,
  };
}
