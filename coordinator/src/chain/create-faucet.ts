import { anvilAccount, testUsdAbi } from '@plaza/contracts';
import {
  type Address,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  numberToHex,
  parseEther,
} from 'viem';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';

/** What one drip gave an account. */
export interface FaucetDrip {
  token: Address;
  /** Test stablecoin minted, in its smallest unit (6 decimals). */
  amount: bigint;
  /** The mint's transaction. */
  txHash: Hex;
  /** The account's ether balance afterwards (topped up to pay for gas). */
  etherBalance: bigint;
  /** When the account may ask again (ISO 8601). */
  nextDripAt: string;
}

/** The local chain's test-token faucet. */
export interface Faucet {
  token: Address;
  symbol: 'TUSD';
  decimals: 6;
  /** What one drip mints, in the token's smallest unit. */
  amount: bigint;
  /** Mints test stablecoin to `account` and tops up its gas, at most once per cooldown. */
  drip(account: Address): Promise<FaucetDrip>;
}

/** 1,000 TestUSD (6 decimals): enough to license a dataset on a local chain. */
export const faucetAmount = 1_000_000_000n;
/** An account below this much ether is topped up to {@link faucetEther}. */
const faucetEtherFloor = parseEther('1');
const faucetEther = parseEther('10');
/** anvil's account 9: never the publisher (0) or the guardian (1), so their nonces stay theirs. */
const faucetSenderIndex = 9;

/**
 * A faucet for the coordinator's own anvil: mints its TestUSD (anyone may, it is a test token) from
 * anvil's account 9 and tops the account's ether up with `anvil_setBalance`, so a new wallet can pay
 * for gas. One drip per account per `cooldownSeconds`, counted in this process; a drip in flight
 * counts, so concurrent requests cannot double it. Only `main.ts` creates one, and only for a chain
 * it started itself.
 */
export function createFaucet(params: {
  rpcUrl: string;
  token: Address;
  clock: Clock;
  /** @default 3600 */
  cooldownSeconds?: number;
}): Faucet {
  const { rpcUrl, token, clock } = params;
  const cooldownMs = (params.cooldownSeconds ?? 3600) * 1000;
  const transport = http(rpcUrl);
  const pub = createPublicClient({ transport });
  const sender = anvilAccount(faucetSenderIndex);
  const wallet = createWalletClient({ account: sender, transport });
  // One process's memory, per faucet (not module state): a coordinator restart forgets it.
  const lastDrip = new Map<string, number>();
  // Drips from one sender are sent one after another: each takes the next nonce.
  let queue: Promise<unknown> = Promise.resolve();

  const mint = async (account: Address): Promise<Hex> => {
    const { request } = await pub.simulateContract({
      account: sender,
      address: token,
      abi: testUsdAbi,
      functionName: 'mint',
      args: [account, faucetAmount],
    });
    const hash = await wallet.writeContract({ ...request, chain: null });
    const receipt = await pub.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') {
      throw new AppError('CHAIN_REVERTED', `The faucet's mint to ${account} reverted (${hash}).`);
    }
    return hash;
  };

  const topUp = async (account: Address): Promise<bigint> => {
    const balance = await pub.getBalance({ address: account });
    if (balance >= faucetEtherFloor) return balance;
    await pub.request({
      method: 'anvil_setBalance' as never,
      params: [account, numberToHex(faucetEther)] as never,
    });
    return faucetEther;
  };

  return {
    token,
    symbol: 'TUSD',
    decimals: 6,
    amount: faucetAmount,
    async drip(account) {
      const key = account.toLowerCase();
      const now = clock.now().getTime();
      const last = lastDrip.get(key);
      if (last !== undefined && now - last < cooldownMs) {
        const nextDripAt = new Date(last + cooldownMs).toISOString();
        throw new AppError(
          'FAUCET_RATE_LIMITED',
          `Account ${account} was given test tokens at ${new Date(last).toISOString()}; ask again after ${nextDripAt}.`,
          { details: { nextDripAt } },
        );
      }
      lastDrip.set(key, now);
      const run = queue.then(async () => {
        const txHash = await mint(account);
        const etherBalance = await topUp(account);
        return { txHash, etherBalance };
      });
      queue = run.catch(() => undefined);
      try {
        const { txHash, etherBalance } = await run;
        return {
          token,
          amount: faucetAmount,
          txHash,
          etherBalance,
          nextDripAt: new Date(now + cooldownMs).toISOString(),
        };
      } catch (cause) {
        // Nothing was given: the account may ask again at once.
        lastDrip.delete(key);
        if (cause instanceof AppError) throw cause;
        throw new AppError(
          'UNAVAILABLE',
          `The local chain did not answer the faucet: ${String(cause)}`,
          {
            cause,
          },
        );
      }
    },
  };
}
