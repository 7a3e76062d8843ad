/**
 * The chain as `runDaoLifecycle` (dao-lifecycle.ts) sees it: one public client with a short polling
 * interval, a way to send a contract call as a party (a revert becomes a {@link DaoLifecycleError}),
 * reads of the Plaza contract and of the stablecoin, anvil's `anvil_setBalance`, and the chain's clock.
 */
import { plazaAbi, testUsdAbi } from '@plaza/contracts';
import {
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  type Hex,
  http,
  type PublicClient,
  parseEther,
  type TransactionReceipt,
  toHex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { DaoLifecycleError, type Party } from './dao-lifecycle-types.ts';

/** A contract call, as viem's `writeContract` and `encodeFunctionData` take it. */
export interface ContractCall {
  address: Address;
  abi: unknown;
  functionName: string;
  args: readonly unknown[];
}

/** The chain, the contracts and the helpers every step of the lifecycle uses. */
export interface DaoChain {
  rpcUrl: string;
  plaza: Address;
  stablecoin: Address;
  client: PublicClient;
  /** Sends `call` from `party`'s key and waits for a successful receipt; `what` names it in errors. */
  send(party: Party, what: string, call: ContractCall): Promise<TransactionReceipt>;
  /** Gives `address` 1 ether for gas (`anvil_setBalance`). */
  fund(address: Address): Promise<unknown>;
  /** Reads a view of the Plaza contract, or of the stablecoin when `address` is the stablecoin. */
  read<T>(functionName: string, args: readonly unknown[], address?: Address): Promise<T>;
  /** The stablecoin balance of `account`. */
  balanceOf(account: Address): Promise<bigint>;
  /** The latest block's timestamp. */
  now(): Promise<bigint>;
}

/** Connects to the chain at `rpcUrl` (its id read from it) and binds the helpers to the contracts. */
export async function connectDaoChain(
  rpcUrl: string,
  plazaAddress: Address,
  stablecoinAddress: Address,
): Promise<DaoChain> {
  const plaza = getAddress(plazaAddress);
  const stablecoin = getAddress(stablecoinAddress);
  const chain = await defineChainAt(rpcUrl);
  const client = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 });
  const read = <T>(functionName: string, args: readonly unknown[], address = plaza): Promise<T> =>
    client.readContract({
      address,
      abi: address === plaza ? plazaAbi : testUsdAbi,
      functionName,
      args,
    } as never) as Promise<T>;
  return {
    rpcUrl,
    plaza,
    stablecoin,
    client: client as PublicClient,
    send: (party, what, call) => sendAs(client as PublicClient, chain, rpcUrl, party, what, call),
    fund: (address) =>
      client.request({
        method: 'anvil_setBalance' as never,
        params: [address, toHex(parseEther('1'))] as never,
      }),
    read,
    balanceOf: (account) => read<bigint>('balanceOf', [account], stablecoin),
    now: async () => (await client.getBlock()).timestamp,
  };
}

/** A viem chain for the node at `rpcUrl`, with the id the node reports. */
async function defineChainAt(rpcUrl: string): Promise<Chain> {
  const probe = createPublicClient({ transport: http(rpcUrl) });
  return defineChain({
    id: await probe.getChainId(),
    name: 'plaza chain',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** Sends `call` from `party`'s key; a rejected or reverted transaction is a `DAO_TX_REVERTED`. */
async function sendAs(
  client: PublicClient,
  chain: Chain,
  rpcUrl: string,
  party: Party,
  what: string,
  call: ContractCall,
): Promise<TransactionReceipt> {
  const wallet = createWalletClient({
    account: privateKeyToAccount(party.privateKey),
    chain,
    transport: http(rpcUrl),
  });
  let hash: Hex;
  try {
    hash = await wallet.writeContract(call as never);
  } catch (error) {
    throw new DaoLifecycleError(
      'DAO_TX_REVERTED',
      `${party.name} could not ${what}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== 'success') {
    throw new DaoLifecycleError('DAO_TX_REVERTED', `${party.name} could not ${what} (tx ${hash})`);
  }
  return receipt;
}

/** `part` of `total` in percent, two decimals: `12.34%`. */
export function percentOf(part: bigint, total: bigint): string {
  return `${(Number((part * 1_000_000n) / total) / 10_000).toFixed(2)}%`;
}

/** `1234567n` → `1.234567` (TestUSD has 6 decimals). */
export function formatUnits6(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const abs = amount < 0n ? -amount : amount;
  return `${sign}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
}
