import { formatDuration, formatFraction, formatUnixTime, shortAddress } from '../../lib/format.ts';
import type { ProposalSummary } from '../../lib/group-proposals.ts';
import type { ProposalState, ProposalTally } from '../../lib/proposal-state.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';

/** Props of {@link ProposalFacts} and {@link ProposalOutcome}. */
export interface ProposalFactsProps {
  summary: ProposalSummary;
  state: ProposalState | null;
  /** An amount of the proposal's token, in words. */
  amount: (value: bigint) => string;
}

/** Who proposed what (a license's price and duration, or a sweep's destination), and when. */
export function ProposalFacts({ summary, state, amount }: ProposalFactsProps) {
  const isSweep = summary.kind === 'sweep';
  return (
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
  );
}

/** How the proposal ended (approved, refunded or rejected), or why its vote has not opened yet. */
export function ProposalOutcome({ summary, state, amount }: ProposalFactsProps) {
  const isSweep = summary.kind === 'sweep';
  return (
    <>
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
    </>
  );
}

/** The votes cast, each with its weight (a share of all shares when the tally is known). */
export function VotesTable({
  summary,
  tally,
  name,
}: {
  summary: ProposalSummary;
  tally: ProposalTally | null;
  name: string;
}) {
  if (summary.votes.length === 0) return null;
  return (
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
  );
}

/** The proposal's phase as a badge. */
export function PhaseBadge({
  state,
  summary,
}: {
  state: ProposalState | null;
  summary: ProposalSummary;
}) {
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
export function TallyView({ tally, state }: { tally: ProposalTally; state: ProposalState }) {
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
