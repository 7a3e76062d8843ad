import { shortAddress } from '../../lib/format.ts';
import type { TransactionState } from './use-transaction.ts';

/** Props of {@link TransactionStatus}. */
export interface TransactionStatusProps {
  state: TransactionState;
}

/**
 * A transaction's progress in words: a polite live region for signing, pending and confirmed, an
 * alert for a failure (with the contract's error name). `data-phase` is there for tests.
 */
export function TransactionStatus({ state }: TransactionStatusProps) {
  return (
    <div className="tx-status" data-testid="tx-status" data-phase={state.phase}>
      <p role="status" className={`tx-${state.phase}`}>
        {describe(state)}
      </p>
      {state.phase === 'failed' ? (
        <p role="alert" className="error">
          {state.label} failed: {state.message}
          {state.code ? (
            <>
              {' '}
              (<code>{state.code}</code>)
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

function describe(state: TransactionState): string {
  switch (state.phase) {
    case 'signing':
      return `${state.label}: confirm in your wallet…`;
    case 'pending':
      return `${state.label}: sent (transaction ${shortAddress(state.hash)}), waiting for confirmation…`;
    case 'confirmed':
      return `${state.label}: confirmed in block ${state.blockNumber} (transaction ${shortAddress(state.hash)}).`;
    default:
      return '';
  }
}
