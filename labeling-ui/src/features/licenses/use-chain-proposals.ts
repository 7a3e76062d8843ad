import { useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import type { ChainProposal, PlazaChain, TokenInfo } from '../wallet/plaza-chain.ts';

/** A proposal as the chain has it now, and whether the connected account voted on it. */
export interface ChainProposalView {
  proposal: ChainProposal | null;
  voted: boolean;
}

/** The chain's view of the listed proposals and their tokens. */
export interface ChainProposalsState {
  /** By proposal id (decimal). */
  proposals: Map<string, ChainProposalView>;
  /** By lowercase token address. */
  tokens: Map<string, TokenInfo>;
  error: string | null;
}

const empty: ChainProposalsState = { proposals: new Map(), tokens: new Map(), error: null };

/**
 * Reads each proposal (`getProposal`, `hasVoted`) and each payment token (symbol, decimals) from
 * the chain; again when the list, its votes and settlements, or `refreshKey` change. Events lag behind the chain by the
 * indexer's confirmations; these reads do not.
 */
export function useChainProposals(
  chain: Pick<PlazaChain, 'account' | 'getProposal' | 'hasVoted' | 'tokenInfo'> | null,
  proposals: readonly {
    proposalId: bigint;
    token: `0x${string}`;
    votes: readonly unknown[];
    status: string;
  }[],
  refreshKey: string | number = 0,
): ChainProposalsState {
  const [state, setState] = useState<ChainProposalsState>(empty);
  const ids = proposals.map((entry) => String(entry.proposalId)).join(',');
  // A new vote or settlement among the events: the chain has moved on, read it again.
  const activity = proposals.map((entry) => `${entry.votes.length}${entry.status}`).join(',');
  const tokenList = [...new Set(proposals.map((entry) => entry.token.toLowerCase()))].join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lists are keyed by their contents; `refreshKey` asks for a fresh read.
  useEffect(() => {
    if (!chain) {
      setState(empty);
      return;
    }
    let alive = true;
    const account = chain.account;
    const idList = ids ? ids.split(',').map((id) => BigInt(id)) : [];
    const addresses = tokenList ? (tokenList.split(',') as `0x${string}`[]) : [];
    Promise.all([
      Promise.all(
        idList.map(async (id) => {
          const [proposal, voted] = await Promise.all([
            chain.getProposal(id),
            chain.hasVoted(id, account),
          ]);
          return [String(id), { proposal, voted }] as const;
        }),
      ),
      Promise.all(
        addresses.map(async (address) => [address, await chain.tokenInfo(address)] as const),
      ),
    ]).then(
      ([read, tokens]) => {
        if (alive) setState({ proposals: new Map(read), tokens: new Map(tokens), error: null });
      },
      (failure: unknown) => {
        if (alive) setState((previous) => ({ ...previous, error: formatError(failure) }));
      },
    );
    return () => {
      alive = false;
    };
  }, [chain, ids, tokenList, activity, refreshKey]);
  return state;
}
