import type { ProposalSummary } from '../../lib/group-proposals.ts';
import type { Holding } from '../shares/use-holding.ts';
import type { PlazaChain } from '../wallet/plaza-chain.ts';
import { ProposalCard } from './proposal-card.tsx';
import { useChainProposals } from './use-chain-proposals.ts';

/** Props of {@link ProposalList}. */
export interface ProposalListProps {
  chain: Pick<PlazaChain, 'account' | 'getProposal' | 'hasVoted' | 'tokenInfo' | 'write'> | null;
  /** The version's proposals from the events, newest first. */
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

/** The version's license proposals, each with its tally, the holder's vote and settlement. */
export function ProposalList(props: ProposalListProps) {
  const { chain, proposals, refreshKey } = props;
  const onChain = useChainProposals(chain, proposals, refreshKey);
  if (proposals.length === 0) {
    return <p>No license has been proposed for this version yet.</p>;
  }
  return (
    <div className="proposal-list">
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
