import { useId, useState } from 'react';
import { hashTerms } from '../../lib/terms-hash.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import type { Holding } from '../shares/use-holding.ts';
import type { PlazaChain } from '../wallet/plaza-chain.ts';
import { planVote } from './plan-vote.ts';

/** What settling does, in words. */
export function settleText(isSweep: boolean, passed: boolean): string {
  if (isSweep) {
    return passed
      ? 'The vote passed: settling makes this the version’s sweep destination.'
      : 'The vote failed: settling closes the proposal.';
  }
  return passed
    ? 'The vote passed: settling starts the license and pays the holders.'
    : 'The vote failed: settling returns the price to the buyer.';
}

/** Props of {@link VoteActions}. */
export interface VoteActionsProps {
  /** The proposal, in words ("License #3"). */
  name: string;
  chain: Pick<PlazaChain, 'account'> | null;
  holding: Holding | null;
  voted: boolean;
  myVote: boolean | null;
  busy: boolean;
  onVote: (support: boolean) => void;
}

/** The holder's vote: buttons, or why there are none (no wallet, voted, no shares). */
export function VoteActions({
  name,
  chain,
  holding,
  voted,
  myVote,
  busy,
  onVote,
}: VoteActionsProps) {
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
export function TermsCheck({ termsHash }: { termsHash: `0x${string}` }) {
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
