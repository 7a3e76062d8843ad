import { useId, useState } from 'react';
import { formatDuration, formatFraction, formatUnixTime, shortAddress } from '../../lib/format.ts';
import { type ProposalSummary, proposalTally } from '../../lib/group-proposals.ts';
import { type ProposalState, type ProposalTally, proposalState } from '../../lib/proposal-state.ts';
import { hashTerms } from '../../lib/terms-hash.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import type { Holding } from '../shares/use-holding.ts';
import type { PlazaChain, TokenInfo } from '../wallet/plaza-chain.ts';
import { TransactionStatus } from '../wallet/transaction-status.tsx';
import { useTransaction } from '../wallet/use-transaction.ts';
import { planVote } from './plan-vote.ts';
import type { ChainProposalView } from './use-chain-proposals.ts';

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
  const { summary, onChain, token, now, chain, holding } = props;
  const titleId = useId();
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

  return (
    <article className="proposal" aria-labelledby={titleId} data-testid="proposal">
      <h3 id={titleId}>
        {name} <PhaseBadge state={state} summary={summary} />
      </h3>
      <dl className="facts">
        {isSweep ? (
          <>
            <div>
              <dt>Proposed by</dt>
              <dd title={summary.buyer}>{shortAddress(summary.buyer)}</dd>
            </div>
            <div className="wide">
              <dt>Unclaimed shares' revenue would go to</dt>
              <dd>
                <code className="hash">{summary.destination}</code>
              </dd>
            </div>
          </>
        ) : (
          <>
            <div>
              <dt>Buyer</dt>
              <dd title={summary.buyer}>{shortAddress(summary.buyer)}</dd>
            </div>
            <div>
              <dt>Price (in escrow)</dt>
              <dd>{amount(summary.escrow)}</dd>
            </div>
            <div>
              <dt>Duration</dt>
              <dd>{formatDuration(summary.duration)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Voting opens</dt>
          <dd data-testid="vote-start">
            {formatUnixTime(summary.voteStart)}
            {state?.phase === 'pending' ? ` (in ${formatDuration(state.secondsToStart)})` : ''}
          </dd>
        </div>
        <div>
          <dt>Voting closes</dt>
          <dd>
            {formatUnixTime(summary.voteEnd)}
            {state?.phase === 'voting' ? ` (in ${formatDuration(state.secondsLeft)})` : ''}
          </dd>
        </div>
        {isSweep ? null : (
          <div className="wide">
            <dt>Terms hash</dt>
            <dd>
              <code className="hash">{summary.termsHash}</code>
            </dd>
          </div>
        )}
      </dl>
      {tally && state ? <TallyView tally={tally} state={state} /> : null}
      {summary.approval ? (
        <p>
          Approved: {amount(summary.approval.revenue)} went to the holders; the license runs from{' '}
          {formatUnixTime(summary.approval.startsAt)} until{' '}
          {formatUnixTime(summary.approval.expiresAt)}.
        </p>
      ) : null}
      {isSweep && summary.status === 'approved' ? (
        <p>Approved: the version's unclaimed revenue now goes to this destination.</p>
      ) : null}
      {summary.refund ? (
        <p>
          {isSweep ? 'Rejected' : `Refunded ${amount(summary.refund.amount)} to the buyer`}
          {summary.refund.quorumReached ? ' (voted down).' : ' (no quorum).'}
        </p>
      ) : null}
      {state?.phase === 'pending' ? (
        <p className="hint">
          Voting opens after the dataset's voting delay, so every holder has time to see this
          proposal before anyone can decide it.
        </p>
      ) : null}
      {summary.votes.length > 0 ? (
        <details>
          <summary>Votes ({summary.votes.length})</summary>
          <table className="data-table">
            <caption className="visually-hidden">Votes on {name.toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">Holder</th>
                <th scope="col">Vote</th>
                <th scope="col">Weight</th>
              </tr>
            </thead>
            <tbody>
              {summary.votes.map((entry) => (
                <tr key={entry.voter}>
                  <td title={entry.voter}>{shortAddress(entry.voter)}</td>
                  <td>{entry.support ? 'For' : 'Against'}</td>
                  <td>
                    {tally
                      ? formatFraction(entry.weight, tally.totalShares)
                      : formatTokenAmount(entry.weight, 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      <TermsCheck termsHash={summary.termsHash} />
      <div className="proposal-actions">
        {state?.canVote ? (
          <VoteActions
            name={name}
            chain={chain}
            holding={holding}
            voted={voted}
            myVote={myVote?.support ?? null}
            busy={tx.busy}
            onVote={(support) => void vote(support)}
          />
        ) : null}
        {state?.canSettle ? (
          <p>
            {settleText(isSweep, state.phase === 'passed')} Anyone may settle.{' '}
            {chain ? (
              <button type="button" onClick={() => void settle()} disabled={tx.busy}>
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

/** What settling does, in words. */
function settleText(isSweep: boolean, passed: boolean): string {
  if (isSweep) {
    return passed
      ? 'The vote passed: settling makes this the version’s sweep destination.'
      : 'The vote failed: settling closes the proposal.';
  }
  return passed
    ? 'The vote passed: settling starts the license and pays the holders.'
    : 'The vote failed: settling returns the price to the buyer.';
}

function PhaseBadge({ state, summary }: { state: ProposalState | null; summary: ProposalSummary }) {
  const phase = state?.phase ?? (summary.status === 'open' ? 'voting' : summary.status);
  const text: Record<typeof phase, string> = {
    pending: 'Voting not open yet',
    voting: 'Voting',
    passed: 'Passed · to settle',
    failed: 'Failed · to settle',
    approved: 'Approved',
    refunded: 'Refunded',
    rejected: 'Rejected',
  };
  const tone =
    phase === 'approved' || phase === 'passed'
      ? 'is-ok'
      : phase === 'voting' || phase === 'pending'
        ? 'is-warn'
        : 'is-danger';
  return (
    <span className={`badge ${tone}`} data-testid="proposal-phase" data-phase={phase}>
      {text[phase]}
    </span>
  );
}

/** The tally in words (the text is the chart's alternative), and a bar drawn from it. */
function TallyView({ tally, state }: { tally: ProposalTally; state: ProposalState }) {
  const total = tally.totalShares;
  const percent = (value: bigint) => (total > 0n ? Number((value * 10_000n) / total) / 100 : 0);
  const quorum = tally.quorumBps / 100;
  return (
    <div className="tally">
      <p>
        For {formatFraction(tally.forVotes, total)} · against{' '}
        {formatFraction(tally.againstVotes, total)} of all shares. Quorum {quorum} %:{' '}
        {state.quorumReached ? 'reached' : 'not reached yet'}.
        {state.decidedEarly ? ' Decided by an absolute majority before the deadline.' : ''}
      </p>
      <div className="tally-bar" aria-hidden="true">
        <span className="tally-for" style={{ width: `${percent(tally.forVotes)}%` }} />
        <span className="tally-against" style={{ width: `${percent(tally.againstVotes)}%` }} />
        <span className="tally-quorum" style={{ left: `${quorum}%` }} />
      </div>
    </div>
  );
}

interface VoteActionsProps {
  /** The proposal, in words ("License #3"). */
  name: string;
  chain: Pick<PlazaChain, 'account'> | null;
  holding: Holding | null;
  voted: boolean;
  myVote: boolean | null;
  busy: boolean;
  onVote: (support: boolean) => void;
}

function VoteActions({ name, chain, holding, voted, myVote, busy, onVote }: VoteActionsProps) {
  if (!chain) return <p className="muted">Connect your wallet to vote.</p>;
  if (voted) {
    return <p>You voted{myVote === null ? '' : myVote ? ' for' : ' against'} this proposal.</p>;
  }
  if (!holding) return <p className="muted">Reading your shares…</p>;
  const plan = planVote(holding);
  if (plan.kind === 'no-shares') {
    return (
      <p className="muted">
        Only holders of this version vote; your account holds no shares in it.
      </p>
    );
  }
  return (
    <fieldset className="vote-actions">
      <legend>Your vote on {name.toLowerCase()}</legend>
      {plan.kind === 'vote-with-proof' ? (
        <p className="hint">
          Your vote also claims your {formatTokenAmount(plan.amount, 0)} shares.
        </p>
      ) : null}
      <button type="button" className="primary" onClick={() => onVote(true)} disabled={busy}>
        Vote for
      </button>{' '}
      <button type="button" onClick={() => onVote(false)} disabled={busy}>
        Vote against
      </button>
    </fieldset>
  );
}

/** Lets a holder check the terms text they were sent against the hash on chain. */
function TermsCheck({ termsHash }: { termsHash: `0x${string}` }) {
  const [text, setText] = useState('');
  const inputId = useId();
  const matches = text !== '' && hashTerms(text) === termsHash;
  return (
    <details className="terms-check">
      <summary>Check the terms text against the hash</summary>
      <label htmlFor={inputId}>Terms text, exactly as the buyer sent it</label>
      <textarea
        id={inputId}
        rows={4}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <p role="status">
        {text === ''
          ? ''
          : matches
            ? 'These terms match the hash on chain.'
            : 'These terms do not match the hash on chain.'}
      </p>
    </details>
  );
}
