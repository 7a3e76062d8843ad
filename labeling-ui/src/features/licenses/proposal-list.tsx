import type { ProposalSummary } from '../../lib/group-proposals.ts';
import type { Holding } from '../shares/use-holding.ts';
import type { PlazaChain } from '../wallet/plaza-chain.ts';
import { ProposalCard } from './proposal-card.tsx';
import { useChainProposals } from './use-chain-proposals.ts';

/** Props of {@link ProposalList}. */
export interface ProposalListProps {
  chain: Pick<PlazaChain, 'account' | 'getProposal' | 'hasVoted' | 'tokenInfo' | 'write'> | null;
  /** The version's proposals from the events, open ones first, closing soonest on top. */
  proposals: readonly ProposalSummary[];
  /** The version's total shares and the dataset's quorum, for tallies without a wallet. */
  totalShares: bigint | null;
  quorumBps: number | null;
  holding: Holding | null;
  /** The chain's time (unix seconds). */
  now: number;
  /** Changes when the chain should be read again (a transaction, new events). */
  refreshKey: string | number;
  onChanged: () => void;
}

/**
 * The version's proposals (licenses and sweep destinations), each with its tally, when its vote
 * opens and closes, the holder's vote and settlement. Open proposals come first, the one closing
 * soonest on top; every vote is recorded per proposal, so any order of voting is safe.
 */
export function ProposalList(props: ProposalListProps) {
  const { chain, proposals, refreshKey } = props;
  const onChain = useChainProposals(chain, proposals, refreshKey);
  if (proposals.length === 0) {
    return <p>No license has been proposed for this version yet.</p>;
  }
  const open = proposals.filter((proposal) => proposal.status === 'open').length;
  return (
    <div className="proposal-list">
      {open > 1 ? (
        <p className="hint" data-testid="proposal-order">
          {open} proposals are open, the one whose vote closes soonest first. Your vote on each is
          counted on its own: vote on any of them, in any order.
        </p>
      ) : null}
      {onChain.error ? (
        <p className="error" role="alert">
          Could not read the proposals from the chain (showing the indexed events): {onChain.error}
        </p>
      ) : null}
      {proposals.map((summary) => (
        <ProposalCard
          key={String(summary.proposalId)}
          summary={summary}
          onChain={onChain.proposals.get(String(summary.proposalId)) ?? null}
          token={onChain.tokens.get(summary.token.toLowerCase()) ?? null}
          totalShares={props.totalShares}
          quorumBps={props.quorumBps}
          now={props.now}
          chain={chain}
          holding={props.holding}
          onChanged={props.onChanged}
        />
      ))}
    </div>
  );
}
