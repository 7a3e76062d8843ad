import { mergeEvents } from './chain-events.ts';
import type { ChainEvent } from './governance-schemas.ts';
import type { ProposalStatusName, ProposalTally } from './proposal-state.ts';

/** One holder's vote. */
export interface ProposalVote {
  voter: `0x${string}`;
  support: boolean;
  weight: bigint;
}

/** A proposal, from its `LicenseProposed` or `SweepToProposed` event and what followed. */
export interface ProposalSummary {
  proposalId: bigint;
  /** A license with its price in escrow, or a holder's choice of sweep destination. */
  kind: 'license' | 'sweep';
  datasetId: bigint;
  version: number;
  /** Its sequence number within the version. */
  seq: number;
  /** The buyer of a license; the holder who proposed a sweep destination. */
  buyer: `0x${string}`;
  /** The payment token (a license) or the proposed destination (a sweep). */
  token: `0x${string}`;
  /** A sweep proposal's destination (null for a license). */
  destination: `0x${string}` | null;
  escrow: bigint;
  /** License duration asked for, in seconds (0 for a sweep). */
  duration: number;
  /** When voting opens (unix seconds). */
  voteStart: number;
  /** When voting closes (unix seconds). */
  voteEnd: number;
  termsHash: `0x${string}`;
  votes: ProposalVote[];
  forVotes: bigint;
  againstVotes: bigint;
  status: ProposalStatusName;
  /** Set once settled as approved (a license: when it runs; a sweep: nothing more). */
  approval: { startsAt: number; expiresAt: number; revenue: bigint; fee: bigint } | null;
  /** Set once a license is settled as refunded, or a sweep as rejected. */
  refund: { amount: bigint; quorumReached: boolean } | null;
}

const noTerms = `0x${'00'.repeat(32)}` as const;

/**
 * Groups proposal events into proposals: `LicenseProposed` / `SweepToProposed` open one,
 * `VoteCast` adds to its tallies, `LicenseApproved` / `LicenseRefunded` / `SweepToApproved` /
 * `SweepToRejected` settle it. Votes of proposals not among the events are ignored. The order is
 * {@link orderProposals}'.
 */
export function groupProposals(events: readonly ChainEvent[]): ProposalSummary[] {
  const proposals = new Map<bigint, ProposalSummary>();
  const open = (
    summary: Omit<
      ProposalSummary,
      'votes' | 'forVotes' | 'againstVotes' | 'status' | 'approval' | 'refund'
    >,
  ) =>
    proposals.set(summary.proposalId, {
      ...summary,
      votes: [],
      forVotes: 0n,
      againstVotes: 0n,
      status: 'open',
      approval: null,
      refund: null,
    });
  for (const event of mergeEvents(events)) {
    if (event.name === 'LicenseProposed') {
      const { args } = event;
      open({ ...args, kind: 'license', destination: null });
      continue;
    }
    if (event.name === 'SweepToProposed') {
      const { args } = event;
      open({
        proposalId: args.proposalId,
        kind: 'sweep',
        datasetId: args.datasetId,
        version: args.version,
        seq: args.seq,
        buyer: args.proposer,
        token: args.destination,
        destination: args.destination,
        escrow: 0n,
        duration: 0,
        voteStart: args.voteStart,
        voteEnd: args.voteEnd,
        termsHash: noTerms,
      });
      continue;
    }
    if (
      event.name !== 'VoteCast' &&
      event.name !== 'LicenseApproved' &&
      event.name !== 'LicenseRefunded' &&
      event.name !== 'SweepToApproved' &&
      event.name !== 'SweepToRejected'
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
      const { startsAt, expiresAt, revenue, fee } = event.args;
      proposal.status = 'approved';
      proposal.approval = { startsAt, expiresAt, revenue, fee };
    } else if (event.name === 'LicenseRefunded') {
      proposal.status = 'refunded';
      proposal.refund = { amount: event.args.amount, quorumReached: event.args.quorumReached };
    } else if (event.name === 'SweepToApproved') {
      proposal.status = 'approved';
    } else {
      proposal.status = 'rejected';
      proposal.refund = { amount: 0n, quorumReached: event.args.quorumReached };
    }
  }
  return orderProposals([...proposals.values()]);
}

/**
 * The order the web app lists proposals in: those still open first, the one whose vote closes
 * soonest on top (so none is overlooked until too late), then the settled ones, newest first.
 * Every vote is recorded per proposal, so voting on them in this or any other order is safe.
 */
export function orderProposals(proposals: readonly ProposalSummary[]): ProposalSummary[] {
  return [...proposals].sort((a, b) => {
    const aOpen = a.status === 'open';
    const bOpen = b.status === 'open';
    if (aOpen !== bOpen) return aOpen ? -1 : 1;
    if (aOpen) return a.voteEnd - b.voteEnd || (a.proposalId < b.proposalId ? -1 : 1);
    return a.proposalId < b.proposalId ? 1 : -1;
  });
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
    voteStart: proposal.voteStart,
    voteEnd: proposal.voteEnd,
  };
}
