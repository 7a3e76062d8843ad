import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { createFaucet, type Faucet } from './create-faucet.ts';
import type { ChainConnection } from './start-chain.ts';

/** What the web app may tell a wallet about the chain (to add it), and the local faucet. */
export interface ChainAccess {
  /** The network's name as a wallet shows it. */
  name: string;
  /** The JSON-RPC URL offered to wallets; null: none is offered (a wallet must know the chain). */
  rpcUrl: string | null;
  /** The chain is the coordinator's own anvil. */
  isLocal: boolean;
  /** The test-token faucet: on the coordinator's own anvil with its TestUSD only. */
  faucet: Faucet | null;
}

/** No chain, or nothing to offer: what tests and `PLAZA_CHAIN=off` get. */
export function chainAccessOf(config: Pick<Config, 'PLAZA_CHAIN_ID' | 'PLAZA_PUBLIC_RPC_URL'>) {
  return {
    name: `Plaza chain ${config.PLAZA_CHAIN_ID}`,
    rpcUrl: config.PLAZA_PUBLIC_RPC_URL ?? null,
    isLocal: false,
    faucet: null,
  } satisfies ChainAccess;
}

/**
 * The chain access of a started chain: a local anvil is offered at its own URL (unless
 * `PLAZA_PUBLIC_RPC_URL` says otherwise) with a faucet for its TestUSD; any other chain only at
 * `PLAZA_PUBLIC_RPC_URL` (never `PLAZA_RPC_URL`, which may carry a provider's key), without one.
 */
export function chainAccessFor(
  config: Pick<Config, 'PLAZA_CHAIN_ID' | 'PLAZA_PUBLIC_RPC_URL'>,
  chain: Pick<ChainConnection, 'rpcUrl' | 'isLocal' | 'testUsd'> | null,
  clock: Clock,
): ChainAccess {
  if (!chain?.isLocal) return chainAccessOf(config);
  return {
    name: 'Plaza local (anvil)',
    rpcUrl: config.PLAZA_PUBLIC_RPC_URL ?? chain.rpcUrl,
    isLocal: true,
    faucet: chain.testUsd
      ? createFaucet({ rpcUrl: chain.rpcUrl, token: chain.testUsd, clock })
      : null,
  };
}
