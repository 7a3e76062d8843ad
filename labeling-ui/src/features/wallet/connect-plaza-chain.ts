import { type Address, getAddress, isAddress, numberToHex } from 'viem';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';
import { toWalletError, WalletError, WalletFailedError } from '../auth/wallet-errors.ts';
import { createPlazaChain } from './create-plaza-chain.ts';
import type { PlazaChain } from './plaza-chain.ts';

/** Where a wallet stands after {@link connectPlazaChain}. */
export type WalletConnection =
  | { kind: 'connected'; chain: PlazaChain }
  | { kind: 'wrong-chain'; account: Address; walletChainId: number }
  | { kind: 'no-account' };

/** What {@link connectPlazaChain} needs. */
export interface ConnectPlazaChainParams {
  provider: EthereumProvider;
  /** The coordinator's chain. */
  chainId: number;
  plaza: Address;
  /** Ask the wallet for an account (a click), or only look for one already allowed (page load). */
  prompt: boolean;
}

/**
 * Connects the injected wallet to Plaza: an account (asked for when `prompt`), and the chain
 * checked against the coordinator's. This module is loaded on demand, so viem's clients and the
 * ABIs stay out of the first page load.
 *
 * @throws {WalletError} the user declined, or the wallet failed.
 */
export async function connectPlazaChain(
  params: ConnectPlazaChainParams,
): Promise<WalletConnection> {
  const { provider, chainId, plaza, prompt } = params;
  let accounts: unknown;
  try {
    accounts = await provider.request({ method: prompt ? 'eth_requestAccounts' : 'eth_accounts' });
  } catch (cause) {
    throw toWalletError(cause, 'connect an account');
  }
  const first = Array.isArray(accounts) ? accounts[0] : undefined;
  if (typeof first !== 'string' || !isAddress(first, { strict: false })) {
    if (prompt) throw new WalletFailedError('connect an account', 'it returned no account.');
    return { kind: 'no-account' };
  }
  const account = getAddress(first);
  const walletChainId = await readWalletChainId(provider);
  if (walletChainId !== chainId) return { kind: 'wrong-chain', account, walletChainId };
  return { kind: 'connected', chain: createPlazaChain({ provider, account, chainId, plaza }) };
}

/** The chain the wallet is on. */
export async function readWalletChainId(provider: EthereumProvider): Promise<number> {
  let answer: unknown;
  try {
    answer = await provider.request({ method: 'eth_chainId' });
  } catch (cause) {
    throw toWalletError(cause, 'tell its chain');
  }
  const id = typeof answer === 'string' ? Number.parseInt(answer, 16) : Number(answer);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new WalletFailedError('tell its chain', `it answered ${String(answer)}.`);
  }
  return id;
}

/** How to add the coordinator's chain to a wallet (EIP-3085), from `GET /v1/chain/info`. */
export interface AddableChain {
  name: string;
  /** Null: the coordinator offers no public RPC URL, so the chain cannot be added from here. */
  rpcUrl: string | null;
}

/**
 * Asks the wallet to switch to the coordinator's chain (EIP-3326). A wallet that does not know the
 * chain answers 4902: with the chain's name and RPC URL it is asked to add it
 * (`wallet_addEthereumChain`, EIP-3085, which also switches to it); without them the user is told
 * to add it by hand.
 *
 * @throws {WalletError} `CHAIN_UNKNOWN`, the user declined, or the wallet failed.
 */
export async function switchWalletChain(
  provider: EthereumProvider,
  chainId: number,
  addable?: AddableChain,
): Promise<void> {
  try {
    await provider.request({
      method: 'wallet_switchEthereumChain',
      params: [{ chainId: numberToHex(chainId) }],
    });
  } catch (cause) {
    if (hasCode(cause, 4902) && addable?.rpcUrl) {
      await addWalletChain(provider, chainId, { name: addable.name, rpcUrl: addable.rpcUrl });
      return;
    }
    if (hasCode(cause, 4902)) {
      throw new WalletError(
        'CHAIN_UNKNOWN',
        `Your wallet does not know chain ${chainId}. Add Plaza's chain to it (the operator has its RPC URL), then switch to it.`,
        { cause },
      );
    }
    throw toWalletError(cause, `switch to chain ${chainId}`);
  }
}

/** Asks the wallet to add the chain and switch to it (EIP-3085). */
export async function addWalletChain(
  provider: EthereumProvider,
  chainId: number,
  chain: { name: string; rpcUrl: string },
): Promise<void> {
  try {
    await provider.request({
      method: 'wallet_addEthereumChain',
      params: [
        {
          chainId: numberToHex(chainId),
          chainName: chain.name,
          rpcUrls: [chain.rpcUrl],
          nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        },
      ],
    });
  } catch (cause) {
    throw toWalletError(cause, `add chain ${chainId} (${chain.name})`);
  }
}

/** Whether an EIP-1193 error, or one it wraps, has this code (wallets nest 4902 differently). */
function hasCode(error: unknown, code: number): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const value = current as {
      code?: unknown;
      data?: { originalError?: unknown };
      cause?: unknown;
    };
    if (value.code === code) return true;
    current = value.data?.originalError ?? value.cause;
  }
  return false;
}
