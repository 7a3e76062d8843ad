import { useEffect, useState } from 'react';
import type { PlazaChain } from './plaza-chain.ts';

/** How often the chain's time is read again. */
export const CHAIN_NOW_REFRESH_MS = 5000;

const wallClock = () => Math.floor(Date.now() / 1000);

/**
 * The chain's time in unix seconds, kept fresh: the latest block's time when a wallet is
 * connected (a local chain may run ahead of the wall clock), else the wall clock. `refreshKey`
 * reads it again at once (after a transaction).
 */
export function useChainNow(
  chain: Pick<PlazaChain, 'now'> | null,
  refreshKey = 0,
  intervalMs = CHAIN_NOW_REFRESH_MS,
): number {
  const [now, setNow] = useState(wallClock);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` asks for a fresh read.
  useEffect(() => {
    let alive = true;
    const read = () => {
      if (!chain) {
        setNow(wallClock());
        return;
      }
      chain.now().then(
        (seconds) => {
          if (alive) setNow(seconds);
        },
        () => {
          if (alive) setNow(wallClock());
        },
      );
    };
    read();
    const timer = setInterval(read, intervalMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [chain, refreshKey, intervalMs]);
  return now;
}
