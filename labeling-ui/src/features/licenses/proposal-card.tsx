import { useId } from 'react';
import type { ProposalSummary } from '../../lib/group-proposals.ts';
import type { Holding } from '../shares/use-holding.ts';
import type { PlazaChain, TokenInfo } from '../wallet/plaza-chain.ts';
import { TransactionStatus } from '../wallet/transaction-status.tsx';
import { settleText, TermsCheck, VoteActions } from './proposal-actions.tsx';
import {
  PhaseBadge,
  ProposalFacts,
  ProposalOutcome,
  TallyView,
  VotesTable,
} from './proposal-facts.tsx';
import type { ChainProposalView } from './use-chain-proposals.ts';
import { useProposalCard } from './use-proposal-card.ts';

/** Props of {@link ProposalCard}. */
export interface ProposalCardProps {
  summary: ProposalSummary;
  /** The chain's view (authoritative; events lag), when a wallet is connected. */
  onChain: ChainProposalView | null;
  token: TokenInfo | null;
  /** For the tally from events, without a wallet. */
  totalShares: bigint | null;
  quorumBps: number | null;
  /** The chain's time (unix seconds). */
  now: number;
  chain: Pick<PlazaChain, 'account' | 'write'> | null;
  holding: Holding | null;
  onChanged: () => void;
}

/**
 * One proposal: a license (its terms, price and duration) or a sweep destination; its tally and
 * when its vote opens and closes; the holder's vote; settlement.
 */
export function ProposalCard(props: ProposalCardProps) {
  const { summary, chain, holding } = props;
  const titleId = useId();
  const card = useProposalCard(props);
  const { tx, name, tally, state } = card;
  return (
    <article className="proposal" aria-labelledby={titleId} data-testid="proposal">
      <h3 id={titleId}>
        {name} <PhaseBadge state={state} summary={summary} />
      </h3>
      <ProposalFacts summary={summary} state={state} amount={card.amount} />
      {tally && state ? <TallyView tally={tally} state={state} /> : null}
      <ProposalOutcome summary={summary} state={state} amount={card.amount} />
      <VotesTable summary={summary} tally={tally} name={name} />
      <TermsCheck termsHash={summary.termsHash} />
      <div className="proposal-actions">
        {state?.canVote ? (
          <VoteActions
            name={name}
            chain={chain}
            holding={holding}
            voted={card.voted}
            myVote={card.myVote?.support ?? null}
            busy={tx.busy}
            onVote={(support) => void card.vote(support)}
          />
        ) : null}
        {state?.canSettle ? (
          <p>
            {settleText(card.isSweep, state.phase === 'passed')} Anyone may settle.{' '}
            {chain ? (
              <button type="button" onClick={() => void card.settle()} disabled={tx.busy}>
                Settle {name.toLowerCase()}
              </button>
            ) : (
              <span className="muted">Connect your wallet to settle.</span>
            )}
          </p>
        ) : null}
      </div>
      <TransactionStatus state={tx.state} />
    </article>
  );
}
