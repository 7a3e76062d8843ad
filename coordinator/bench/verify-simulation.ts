import { seededRandom } from '@plaza/test-kit/random';
import { reputationOf } from '../src/verify/reputation-of.ts';
import { selectForCheck } from '../src/verify/select-for-check.ts';
import { shouldQuarantine } from '../src/verify/should-quarantine.ts';
import type { VerificationPolicy } from '../src/verify/verification-policy.ts';

/** One simulated device's run. */
export interface DeviceOutcome {
  quarantined: boolean;
  /** Contributions it had submitted when it was quarantined (all of them when it was not). */
  contributions: number;
  fabricated: number;
  /** Fabricated contributions that earn nothing: their check failed, or they were revoked. */
  fabricatedExcluded: number;
  checks: number;
}

/** Parameters of {@link simulateDevice}. */
export interface SimulateDeviceParams {
  /** Contributions the device would submit if never stopped. */
  n: number;
  /** Probability that one of its pages is fabricated (cheaters) or fails a re-fetch anyway. */
  failRate: number;
  verifyRate: number;
  policy: VerificationPolicy;
  random: () => number;
  /** How many contributions later a check's result comes in (verification trailing). @default 0 */
  lag?: number;
  /** `policy`: the coordinator's (probation, watch, quarantine); `sample`: the rate alone. */
  mode?: 'policy' | 'sample';
}

/**
 * Simulates one device under the coordinator's own verification functions (`selectForCheck`,
 * `reputationOf` counting queued checks as confirmations, `shouldQuarantine`): each contribution
 * fails a re-fetch with probability `failRate`; results come in `lag` contributions later; the
 * device stops at its quarantine, and everything of it that was not confirmed is revoked. In
 * `sample` mode contributions are checked at `verifyRate` only and the device counts as caught at
 * its first failed check: the model behind 1 − (1 − p·f)^n.
 */
export function simulateDevice(params: SimulateDeviceParams): DeviceOutcome {
  const lag = params.lag ?? 0;
  const mode = params.mode ?? 'policy';
  let confirmed = 0;
  let failed = 0;
  let fabricated = 0;
  let checks = 0;
  const pending: { at: number; failed: boolean; index: number }[] = [];
  const fabricatedAt: boolean[] = [];
  const checkedFailed = new Set<number>();
  const confirmedAt = new Set<number>();
  const finish = (contributions: number, quarantined: boolean): DeviceOutcome => {
    let excluded = 0;
    for (let i = 0; i < contributions; i++) {
      if (!fabricatedAt[i]) continue;
      if (checkedFailed.has(i) || (quarantined && !confirmedAt.has(i))) excluded++;
    }
    return { quarantined, contributions, fabricated, fabricatedExcluded: excluded, checks };
  };
  const settle = (upTo: number): boolean => {
    while (pending.length > 0 && pending[0]!.at <= upTo) {
      const result = pending.shift()!;
      checks++;
      if (result.failed) {
        failed++;
        checkedFailed.add(result.index);
        if (mode === 'sample') return true;
        if (shouldQuarantine({ confirmed, failed }, params.policy)) return true;
      } else {
        confirmed++;
        confirmedAt.add(result.index);
      }
    }
    return false;
  };
  for (let i = 0; i < params.n; i++) {
    if (settle(i)) return finish(i, true);
    const fails = params.random() < params.failRate;
    fabricatedAt.push(fails);
    if (fails) fabricated++;
    const reason =
      mode === 'sample'
        ? params.random() < params.verifyRate
          ? 'sample'
          : null
        : selectForCheck({
            reputation: reputationOf({ confirmed: confirmed + pending.length, failed }),
            flags: [],
            verifyRate: params.verifyRate,
            verifyAllBelow: params.policy.verifyAllBelow,
            draw: params.random(),
          });
    if (reason !== null) pending.push({ at: i + lag, failed: fails, index: i });
  }
  if (settle(Number.POSITIVE_INFINITY)) return finish(params.n, true);
  return finish(params.n, false);
}

/** Totals of {@link simulateSwarm}. */
export interface SwarmOutcome {
  cheaters: number;
  cheatersQuarantined: number;
  honest: number;
  honestQuarantined: number;
  fabricated: number;
  fabricatedExcluded: number;
  /** Contributions each quarantined cheater had submitted when stopped. */
  timeToQuarantine: number[];
}

/**
 * The simulation, `runs` times: `devices` devices of `perDevice` contributions, `cheaters`
 * of them fabricating `fabricationRate` of their pages, honest pages failing a re-fetch with
 * probability `honestFailRate` (pages that really changed beyond recognition).
 */
export function simulateSwarm(params: {
  runs: number;
  devices: number;
  cheaters: number;
  perDevice: number;
  fabricationRate: number;
  honestFailRate: number;
  verifyRate: number;
  policy: VerificationPolicy;
  lag?: number;
  seed?: number;
}): SwarmOutcome {
  const random = seededRandom(params.seed ?? 1);
  const total: SwarmOutcome = {
    cheaters: 0,
    cheatersQuarantined: 0,
    honest: 0,
    honestQuarantined: 0,
    fabricated: 0,
    fabricatedExcluded: 0,
    timeToQuarantine: [],
  };
  for (let run = 0; run < params.runs; run++) {
    for (let d = 0; d < params.devices; d++) {
      const cheater = d < params.cheaters;
      const outcome = simulateDevice({
        n: params.perDevice,
        failRate: cheater ? params.fabricationRate : params.honestFailRate,
        verifyRate: params.verifyRate,
        policy: params.policy,
        random,
        ...(params.lag === undefined ? {} : { lag: params.lag }),
      });
      if (cheater) {
        total.cheaters++;
        total.fabricated += outcome.fabricated;
        total.fabricatedExcluded += outcome.fabricatedExcluded;
        if (outcome.quarantined) {
          total.cheatersQuarantined++;
          total.timeToQuarantine.push(outcome.contributions);
        }
      } else {
        total.honest++;
        if (outcome.quarantined) total.honestQuarantined++;
      }
    }
  }
  return total;
}
