import { useCallback, useEffect, useRef, useState } from 'react';
import type { Hex } from 'viem';
import { describeError } from '../../lib/describe-error.ts';
import type { TransactionResult } from './plaza-chain.ts';

/** Where one transaction stands. */
export type TransactionState =
  | { phase: 'idle' }
  /** Waiting for the user to confirm in the wallet. */
  | { phase: 'signing'; label: string }
  /** Sent; waiting for it to be mined. */
  | { phase: 'pending'; label: string; hash: Hex }
  | { phase: 'confirmed'; label: string; hash: Hex; blockNumber: bigint }
  /** `code` is the contract error's name when the contract refused (`PlazaAlreadyVoted` …). */
  | { phase: 'failed'; label: string; code: string | null; message: string };

/** Sends one transaction and waits for it: `(onSent) => chain.write(…, onSent)`. */
export type SendTransaction = (onSent: (hash: Hex) => void) => Promise<TransactionResult>;

/** A transaction's state and the function that runs it. */
export interface TransactionHandle {
  state: TransactionState;
  /** Runs `send`; resolves with its result once confirmed, or null when it failed. */
  run: (label: string, send: SendTransaction) => Promise<TransactionResult | null>;
  /** Signing or pending. */
  busy: boolean;
  reset: () => void;
}

/**
 * Tracks one transaction through the wallet (signing), the mempool (pending) and a block
 * (confirmed), or to its failure with the contract's error name.
 */
export function useTransaction(): TransactionHandle {
  const [state, setState] = useState<TransactionState>({ phase: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const update = useCallback((next: TransactionState) => {
    if (alive.current) setState(next);
  }, []);
  const run = useCallback(
    async (label: string, send: SendTransaction) => {
      update({ phase: 'signing', label });
      try {
        const result = await send((hash) => update({ phase: 'pending', label, hash }));
        update({ phase: 'confirmed', label, hash: result.hash, blockNumber: result.blockNumber });
        return result;
      } catch (error) {
        const { code, message } = describeError(error);
        update({ phase: 'failed', label, code, message });
        return null;
      }
    },
    [update],
  );
  const reset = useCallback(() => update({ phase: 'idle' }), [update]);
  return { state, run, busy: state.phase === 'signing' || state.phase === 'pending', reset };
}
