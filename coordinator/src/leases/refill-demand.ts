/** How much recent demand a refill covers: the jobs the last {@link DEMAND_WINDOW_MS} asked for, per this long. */
export const REFILL_HORIZON_MS = 2_000;
/** The window the lease rate is measured over. */
export const DEMAND_WINDOW_MS = 5_000;

/** The demand on a ready queue, from the leases it served. */
export interface RefillDemand {
  /** Counts a lease that asked for `jobs` jobs at `atMs`. */
  record(jobs: number, atMs: number): void;
  /**
   * How many claims the queue should hold at `atMs`: the jobs asked for in the last
   * {@link DEMAND_WINDOW_MS}, as a rate, times {@link REFILL_HORIZON_MS}; at least `min` (one
   * lease's worth, so a quiet queue still answers at once) and at most `max` (the queue's size).
   */
  target(atMs: number): number;
}

/**
 * Sizes a ready queue's refills by the recent lease rate instead of a fixed batch: a process that
 * serves few devices claims few URLs (and holds no hosts it will not hand out before the claim's
 * hold runs out), and one under load claims enough for the next couple of seconds in one statement.
 * Pure: times are passed in, so it is tested on events, not on a clock.
 */
export function createRefillDemand(options: { min: number; max: number }): RefillDemand {
  // One slot per lease: [time, jobs asked for], oldest first.
  const recent: [number, number][] = [];
  let asked = 0;
  const forget = (atMs: number) => {
    while (recent.length > 0 && recent[0]![0] <= atMs - DEMAND_WINDOW_MS) {
      asked -= recent.shift()![1];
    }
  };
  return {
    record(jobs, atMs) {
      recent.push([atMs, jobs]);
      asked += jobs;
      forget(atMs);
    },
    target(atMs) {
      forget(atMs);
      const wanted = Math.ceil((asked / DEMAND_WINDOW_MS) * REFILL_HORIZON_MS);
      return Math.min(options.max, Math.max(options.min, wanted));
    },
  };
}
