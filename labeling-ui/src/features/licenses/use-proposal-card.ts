import { shortAddress } from '../../lib/format.ts';
import { proposalTally } from '../../lib/group-proposals.ts';
import { type ProposalTally, proposalState } from '../../lib/proposal-state.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import { useTransaction } from '../wallet/use-transaction.ts';
import { planVote } from './plan-vote.ts';
import type { ProposalCardProps } from './proposal-card.tsx';

/**
 * A proposal card's model: its name, its tally and phase (the chain's view, else the events'),
 * amounts in its token, the holder's vote, and the vote and settle transactions.
 */
export function useProposalCard(props: ProposalCardProps) {
  const { summary, onChain, token, now, chain, holding } = props;
  const tx = useTransaction();
  const id = summary.proposalId;
  const isSweep = summary.kind === 'sweep';
  const name = `${isSweep ? 'Sweep destination' : 'License'} #${id}`;
  const tally: ProposalTally | null =
    onChain?.proposal ??
    (props.totalShares !== null && props.quorumBps !== null
      ? proposalTally(summary, props.totalShares, props.quorumBps)
      : null);
  const state = tally ? proposalState(tally, now) : null;
  const amount = (value: bigint) =>
    token
      ? formatTokenAmount(value, token.decimals, { symbol: token.symbol })
      : `${formatTokenAmount(value, 0)} units of ${shortAddress(summary.token)}`;
  const account = chain?.account.toLowerCase() ?? null;
  const myVote = account ? summary.votes.find((vote) => vote.voter === account) : undefined;
  const voted = Boolean(myVote) || Boolean(onChain?.voted);

  async function vote(support: boolean): Promise<void> {
    if (!chain || !holding) return;
    const plan = planVote(holding);
    const label = `Vote ${support ? 'for' : 'against'} ${name.toLowerCase()}`;
    let done: unknown = null;
    if (plan.kind === 'vote') {
      done = await tx.run(label, (onSent) => chain.write('vote', [id, support], onSent));
    } else if (plan.kind === 'vote-with-proof') {
      done = await tx.run(label, (onSent) =>
        chain.write('voteWithProof', [id, support, plan.index, plan.amount, plan.proof], onSent),
      );
    }
    if (done) props.onChanged();
  }

  async function settle(): Promise<void> {
    if (!chain) return;
    const done = await tx.run(`Settle ${name.toLowerCase()}`, (onSent) =>
      chain.write('settle', [id], onSent),
    );
    if (done) props.onChanged();
  }

  return { tx, isSweep, name, tally, state, amount, myVote, voted, vote, settle };
}
