import { plazaAbi } from '@plaza/contracts/abis/plaza';
import {
  type Address,
  BaseError,
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  type Hex,
  parseEventLogs,
} from 'viem';
import { describeTransactionError } from '../../lib/transaction-error.ts';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';
import { WalletError } from '../auth/wallet-errors.ts';
import type { TransactionResult } from './plaza-chain.ts';

/** What {@link createPlazaChainClients} needs. */
export interface PlazaChainClientsParams {
  provider: EthereumProvider;
  /** The connected account (checksummed). */
  account: Address;
  /** The coordinator's chain; writes refuse to go anywhere else. */
  chainId: number;
  plaza: Address;
  /** How often receipts are polled. @default 1000 */
  pollingIntervalMs?: number;
}

/** The viem clients over the injected wallet's transport, with the account and contract they serve. */
export function createPlazaChainClients(params: PlazaChainClientsParams) {
  const { account, chainId, plaza } = params;
  const chain = defineChain({
    id: chainId,
    name: `Plaza chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    // Every request goes through the wallet; the app knows no RPC URL of its own.
    rpcUrls: { default: { http: [] } },
  });
  const transport = custom(params.provider);
  const pollingInterval = params.pollingIntervalMs ?? 1000;
  return {
    account,
    chainId,
    plaza,
    publicClient: createPublicClient({ chain, transport, pollingInterval }),
    walletClient: createWalletClient({ account, chain, transport, pollingInterval }),
  };
}

/** The clients {@link createPlazaChainClients} makes. */
export type PlazaChainClients = ReturnType<typeof createPlazaChainClients>;

/** Runs a chain read; a failure becomes a `CHAIN_READ_FAILED` {@link WalletError} naming `what`. */
export async function readChain<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    const detail = cause instanceof BaseError ? cause.shortMessage : String(cause);
    throw new WalletError('CHAIN_READ_FAILED', `Could not read ${what} from the chain: ${detail}`, {
      cause,
    });
  }
}

/**
 * Submits a transaction (`step` names it in errors), waits for its receipt and decodes the Plaza
 * events it emitted; a refusal, a lost receipt or a revert throws a {@link WalletError}.
 */
export async function sendTransaction(
  clients: Pick<PlazaChainClients, 'publicClient' | 'plaza'>,
  step: string,
  submit: () => Promise<Hex>,
  onSent?: (hash: Hex) => void,
): Promise<TransactionResult> {
  let hash: Hex;
  try {
    hash = await submit();
  } catch (cause) {
    const { code, message } = describeTransactionError(cause, step);
    throw new WalletError(code, message, { cause });
  }
  onSent?.(hash);
  let receipt: Awaited<ReturnType<PlazaChainClients['publicClient']['waitForTransactionReceipt']>>;
  try {
    receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  } catch (cause) {
    const { code, message } = describeTransactionError(cause, `confirm transaction ${hash}`);
    throw new WalletError(code, message, { cause });
  }
  if (receipt.status !== 'success') {
    throw new WalletError('TX_REVERTED', `Transaction ${hash} was reverted on chain.`);
  }
  const plaza = clients.plaza.toLowerCase();
  const plazaLogs = receipt.logs.filter((log) => log.address.toLowerCase() === plaza);
  const events = parseEventLogs({ abi: plazaAbi, logs: plazaLogs, strict: false }).map((log) => ({
    eventName: log.eventName,
    args: (log.args ?? {}) as Record<string, unknown>,
  }));
  return { hash, blockNumber: receipt.blockNumber, events };
}
