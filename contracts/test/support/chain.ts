import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  createTestClient,
  custom,
  decodeErrorResult,
  getAddress,
  type Hash,
  type Hex,
  http,
  keccak256,
  publicActions,
  type TransactionReceipt,
  toHex,
  walletActions,
} from 'viem';
import { foundry } from 'viem/chains';
import { plazaAbi } from '../../src/generated/plaza.ts';
import { testUsdAbi } from '../../src/generated/test-usd.ts';
import { type AnvilInstance, startAnvil } from '../../src/start-anvil.ts';
import { callbackTokenAbi } from '../generated/callback-token.ts';
import { feeOnTopTokenAbi } from '../generated/fee-on-top-token.ts';
import { feeOnTransferTokenAbi } from '../generated/fee-on-transfer-token.ts';
import { hostileBuyerAbi } from '../generated/hostile-buyer.ts';
import { reentrantTokenAbi } from '../generated/reentrant-token.ts';

const FUNDS = toHex(10n ** 24n);

/** Gas limit of every test transaction that does not set one (see {@link createChainClient}). */
const TX_GAS = toHex(15_000_000n);

/**
 * A test client with public, wallet and anvil actions. Every `eth_sendTransaction` first tops up the
 * sender's ether, so with `--auto-impersonate` any address can send (ether balances are not under test),
 * and gets a fixed, generous gas limit instead of anvil's estimate: an estimate runs at another block
 * time than the mined block, and some paths (such as raising a license expiry) depend on it. Receipts'
 * `gasUsed` does not depend on the limit.
 */
export function createChainClient(rpcUrl: string) {
  const base = http(rpcUrl)({ chain: foundry });
  const transport = custom({
    async request({ method, params }: { method: string; params?: unknown }) {
      if (method === 'eth_sendTransaction') {
        const [tx] = params as [{ from?: Address; gas?: Hex }];
        if (tx.from !== undefined)
          await base.request({ method: 'anvil_setBalance', params: [tx.from, FUNDS] });
        return base.request({ method, params: [{ ...tx, gas: tx.gas ?? TX_GAS }] } as never);
      }
      return base.request({ method, params } as never);
    },
  });
  return createTestClient({ chain: foundry, mode: 'anvil', transport, pollingInterval: 10 })
    .extend(publicActions)
    .extend(walletActions);
}

export type ChainClient = ReturnType<typeof createChainClient>;

/** A fresh anvil with free gas and any sender impersonated, plus snapshot/revert between tests. */
export interface TestChain {
  anvil: AnvilInstance;
  client: ChainClient;
  /** Records the current state; {@link TestChain.revert} returns to it (any number of times). */
  snapshot(): Promise<void>;
  revert(): Promise<void>;
  /** Mines a block `seconds` after the latest one. */
  warp(seconds: number | bigint): Promise<void>;
  /** Timestamp of the latest block. */
  now(): Promise<bigint>;
  stop(): Promise<void>;
}

/**
 * Starts anvil for one test file; `--auto-impersonate` lets tests send from any address without keys.
 */
export async function startTestChain(): Promise<TestChain> {
  const anvil = await startAnvil({ args: ['--auto-impersonate'] });
  const client = createChainClient(anvil.rpcUrl);
  let snapshotId: Hash | undefined;
  return {
    anvil,
    client,
    async snapshot() {
      snapshotId = await client.snapshot();
    },
    async revert() {
      if (snapshotId === undefined) throw new Error('revert() before snapshot()');
      await client.revert({ id: snapshotId });
      snapshotId = await client.snapshot();
    },
    async warp(seconds) {
      // Relative to the latest block, not the wall clock: under automine, blocks mined within one
      // second get increasing timestamps and run ahead of the clock.
      const { timestamp } = await client.getBlock();
      await client.setNextBlockTimestamp({ timestamp: timestamp + BigInt(seconds) });
      await client.mine({ blocks: 1 });
    },
    async now() {
      return (await client.getBlock()).timestamp;
    },
    stop: () => anvil.stop(),
  };
}

/** A deterministic, realistic-looking address (no zero-byte runs) for a label. */
export function addressOf(label: string): Address {
  return getAddress(keccak256(toHex(`plaza-test:${label}`)).slice(0, 42));
}

/**
 * Polls for a transaction's receipt. Not `waitForTransactionReceipt`: that one looks again only when
 * the block number grows, and under automine a receipt can show up just after its block number did,
 * with no later block to wake the waiter (it hung the invariant suite on a busy machine).
 */
export async function receiptOf(client: ChainClient, hash: Hash): Promise<TransactionReceipt> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const receipt = await client.getTransactionReceipt({ hash }).catch(() => null);
    if (receipt) return receipt;
    if (Date.now() > deadline) throw new Error(`no receipt for ${hash} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits for a sent transaction and fails unless it succeeded. */
export async function mined(client: ChainClient, sent: Promise<Hash>): Promise<TransactionReceipt> {
  const hash = await sent;
  const receipt = await receiptOf(client, hash);
  if (receipt.status !== 'success') {
    // Replay it on the state before its block (one transaction per block under automine) for the reason.
    const tx = await client.getTransaction({ hash });
    const reason = await client
      .call({ account: tx.from, to: tx.to, data: tx.input, blockNumber: receipt.blockNumber - 1n })
      .then(
        () => 'no reason on replay',
        (error: unknown) => revertOf(error)?.errorName ?? String(error).slice(0, 300),
      );
    throw new Error(`transaction ${hash} reverted: ${reason}`);
  }
  return receipt;
}

const knownErrors = [
  ...plazaAbi,
  ...testUsdAbi,
  ...reentrantTokenAbi,
  ...feeOnTransferTokenAbi,
  ...feeOnTopTokenAbi,
  ...callbackTokenAbi,
  ...hostileBuyerAbi,
].filter((item) => item.type === 'error');

/** The custom error a failed call reverted with (decoded with every ABI of the package), or undefined. */
export function revertOf(
  error: unknown,
): { errorName: string; args: readonly unknown[] } | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError && reverted.data !== undefined) {
    return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
  }
  const raw = error.walk((e) => typeof (e as { data?: unknown }).data === 'string') as {
    data?: Hex;
  } | null;
  const data =
    raw?.data ?? (reverted instanceof ContractFunctionRevertedError ? reverted.raw : undefined);
  return data === undefined ? undefined : decodeRevertData(data);
}

/** Decodes revert data with every ABI of the package, or undefined when it matches none. */
export function decodeRevertData(
  data: Hex,
): { errorName: string; args: readonly unknown[] } | undefined {
  if (data === '0x') return undefined;
  try {
    const decoded = decodeErrorResult({ abi: knownErrors, data });
    return { errorName: decoded.errorName, args: decoded.args ?? [] };
  } catch {
    return undefined;
  }
}

/**
 * Awaits a call that must revert (use `contract.simulate.fn(...)`, which runs `eth_call`: anvil mines
 * failing transactions sent from impersonated accounts instead of refusing them) and returns the custom
 * error. Throws if it did not revert or reverted without a known custom error.
 */
export async function revertReason(
  sent: Promise<unknown>,
): Promise<{ errorName: string; args: readonly unknown[] }> {
  try {
    await sent;
  } catch (error) {
    const reason = revertOf(error);
    if (reason !== undefined) return reason;
    throw error;
  }
  throw new Error('expected a revert, but the call succeeded');
}
