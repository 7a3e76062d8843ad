import { createPublicClient, http } from 'viem';

/**
 * Moves a local anvil's clock forward by `seconds` and mines a block (`evm_increaseTime`,
 * `evm_mine`), so a timelock, a voting delay or a vote passes on an event instead of by waiting.
 * Returns the new block's timestamp. Development chains only.
 *
 * @example
 * const { activatesAt } = await client.readContract({ ..., functionName: 'getVersion', args });
 * await advanceAnvilClockTo(rpcUrl, activatesAt);
 */
export async function advanceAnvilClock(rpcUrl: string, seconds: number): Promise<bigint> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  if (seconds > 0) {
    await client.request({ method: 'evm_increaseTime' as never, params: [seconds] as never });
  }
  await client.request({ method: 'evm_mine' as never, params: [] as never });
  return (await client.getBlock()).timestamp;
}

/** Moves a local anvil's clock to `timestamp` or later (one new block either way). */
export async function advanceAnvilClockTo(
  rpcUrl: string,
  timestamp: number | bigint,
): Promise<bigint> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const { timestamp: now } = await client.getBlock();
  return advanceAnvilClock(rpcUrl, Math.max(0, Number(BigInt(timestamp) - now)));
}
