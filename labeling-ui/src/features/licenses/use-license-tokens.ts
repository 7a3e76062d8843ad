import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import type { PlazaChain, TokenAccount } from '../wallet/plaza-chain.ts';
import type { LicenseFormValues } from './license-form-values.ts';

/** A payment token with the account's balance and allowance and the dataset's reserve in it. */
export type LicenseToken = TokenAccount & { reservePrice: bigint };

/**
 * The dataset's payment tokens, read again when `refreshKey` changes; once read, the form's token
 * defaults to the first of them.
 */
export function useLicenseTokens(
  chain: Pick<PlazaChain, 'account' | 'paymentTokens' | 'reservePrice' | 'tokenAccount'> | null,
  datasetId: bigint,
  refreshKey: string | number,
  setValues: Dispatch<SetStateAction<LicenseFormValues>>,
): { tokens: LicenseToken[] | null; tokensError: string | null } {
  const [tokens, setTokens] = useState<LicenseToken[] | null>(null);
  const [tokensError, setTokensError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` asks for a fresh read.
  useEffect(() => {
    if (!chain) {
      setTokens(null);
      return;
    }
    let alive = true;
    (async () => {
      const addresses = await chain.paymentTokens(datasetId);
      // Each token has its own reserve, in its own units.
      return Promise.all(
        addresses.map(async (address) => ({
          ...(await chain.tokenAccount(address, chain.account)),
          reservePrice: await chain.reservePrice(datasetId, address),
        })),
      );
    })().then(
      (loaded) => {
        if (!alive) return;
        setTokens(loaded);
        setTokensError(null);
        setValues((previous) =>
          previous.token || !loaded[0] ? previous : { ...previous, token: loaded[0].address },
        );
      },
      (failure: unknown) => {
        if (alive) setTokensError(formatError(failure));
      },
    );
    return () => {
      alive = false;
    };
  }, [chain, datasetId, refreshKey, setValues]);

  return { tokens, tokensError };
}
