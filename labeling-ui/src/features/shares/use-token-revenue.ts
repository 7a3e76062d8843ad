import { useEffect, useState } from 'react';
import { eventsNamed } from '../../lib/chain-events.ts';
import { formatError } from '../../lib/describe-error.ts';
import type { ChainEvent } from '../../lib/governance-schemas.ts';
import type { PlazaChain, TokenInfo } from '../wallet/plaza-chain.ts';

/** What a version owes the account in one payment token. */
export interface TokenRevenue {
  token: TokenInfo;
  claimable: bigint;
}

/**
 * The account's claimable revenue from a version, per payment token; read again when
 * `refreshKey` changes.
 */
export function useTokenRevenue(
  chain: Pick<PlazaChain, 'account' | 'paymentTokens' | 'tokenInfo' | 'claimableRevenue'> | null,
  datasetId: bigint,
  version: number,
  refreshKey: string | number,
): { rows: TokenRevenue[] | null; error: string | null } {
  const [rows, setRows] = useState<TokenRevenue[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` asks for a fresh read.
  useEffect(() => {
    if (!chain) return;
    let alive = true;
    (async () => {
      const tokens = await chain.paymentTokens(datasetId);
      return Promise.all(
        tokens.map(async (address) => ({
          token: await chain.tokenInfo(address),
          claimable: await chain.claimableRevenue(datasetId, version, address, chain.account),
        })),
      );
    })().then(
      (loaded) => {
        if (!alive) return;
        setRows(loaded);
        setError(null);
      },
      (failure: unknown) => {
        if (alive) setError(formatError(failure));
      },
    );
    return () => {
      alive = false;
    };
  }, [chain, datasetId, version, refreshKey]);

  return { rows, error };
}

/** What the account has claimed of `token` so far, from the version's `RevenueClaimed` events. */
export function paidRevenue(events: readonly ChainEvent[], account: string, token: string): bigint {
  const holder = account.toLowerCase();
  return eventsNamed(events, 'RevenueClaimed')
    .filter((event) => event.args.account === holder && event.args.token === token.toLowerCase())
    .reduce((sum, event) => sum + event.args.amount, 0n);
}
