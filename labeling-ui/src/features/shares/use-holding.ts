import { useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import type { ShareProof } from '../../lib/governance-schemas.ts';
import type { PlazaChain } from '../wallet/plaza-chain.ts';

/** The connected account's stake in a version. */
export interface Holding {
  account: `0x${string}`;
  /** Its leaf of the shares tree, or null when the account holds no shares in the version. */
  proof: ShareProof | null;
  /** Shares claimed on chain (0 until claimed). */
  claimed: bigint;
}

/** The holding, or why it could not be read. */
export interface HoldingState {
  holding: Holding | null;
  error: string | null;
}

/**
 * Reads the connected account's proof (`GET …/proofs/:account`) and claimed shares (`sharesOf`);
 * again whenever `refreshKey` changes.
 */
export function useHolding(
  api: Pick<GovernanceApi, 'proof'>,
  chain: Pick<PlazaChain, 'account' | 'sharesOf'> | null,
  params: { campaignId: string; version: number; datasetId: bigint | null },
  refreshKey: string | number = 0,
): HoldingState {
  const [state, setState] = useState<HoldingState>({ holding: null, error: null });
  const { campaignId, version, datasetId } = params;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` asks for a fresh read.
  useEffect(() => {
    if (!chain || datasetId === null) {
      setState({ holding: null, error: null });
      return;
    }
    let alive = true;
    const account = chain.account;
    // Another account's holding must not show while this one's loads.
    setState((previous) =>
      previous.holding?.account === account ? previous : { holding: null, error: null },
    );
    Promise.all([
      api.proof(campaignId, version, account),
      chain.sharesOf(datasetId, version, account),
    ]).then(
      ([proof, claimed]) => {
        if (alive) setState({ holding: { account, proof, claimed }, error: null });
      },
      (failure: unknown) => {
        if (alive) setState((previous) => ({ ...previous, error: formatError(failure) }));
      },
    );
    return () => {
      alive = false;
    };
  }, [api, chain, campaignId, version, datasetId, refreshKey]);
  return state;
}
