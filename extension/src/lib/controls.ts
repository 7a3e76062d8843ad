import type { Settings } from './settings.ts';

/** Why the worker is not fetching. The popup shows one of these. */
export const idleReasons = {
  paused: 'Paused by you.',
  daily_cap_reached: "Today's megabyte cap is used up; work resumes tomorrow.",
  not_idle: 'Waiting until you are away from the computer (idle-only is on).',
  save_data: 'The connection asks to save data (metered); no work.',
  low_battery: 'On battery below your threshold; no work.',
  registering: 'Registering this device with the coordinator.',
  coordinator_unreachable: 'The coordinator cannot be reached; retrying.',
  no_jobs: 'The coordinator has no work right now.',
  quarantined: 'The coordinator quarantined this device: it gets no work and earns nothing.',
} as const;
export type IdleReason = keyof typeof idleReasons;

/** What the worker knows about the machine when it decides. `null`: the browser cannot tell. */
export interface WorkEnvironment {
  /** `idle.queryState`: `active` while the user is at the computer. */
  idleState: 'active' | 'idle' | 'locked';
  /** `navigator.connection.saveData`. */
  saveData: boolean | null;
  /** Battery Status API (Chrome, in the offscreen document). */
  battery: { charging: boolean; level: number } | null;
}

/** What today's usage is, against the cap. */
export interface UsageToday {
  bytes: number;
}

export type WorkDecision = { run: true } | { run: false; reason: IdleReason };

/** Below this much of the daily cap left, no fetch starts: the cap counts as reached. */
export const MIN_FETCH_BYTES = 16 * 1024;

/** The daily cap in bytes. */
export function dailyCapBytes(settings: Pick<Settings, 'dailyCapMb'>): number {
  return Math.floor(settings.dailyCapMb * 1024 * 1024);
}

/**
 * Whether the worker may fetch now, and if not, why, in this order: paused, daily cap used up
 * (less than {@link MIN_FETCH_BYTES} left),
 * metered connection (`saveData`), battery under the threshold while discharging, user not idle
 * (idle-only). Unknown signals (`null`) never block: a browser without the Battery API works as if
 * on mains power.
 *
 * @example
 * decideWork(settings, { idleState: 'active', saveData: false, battery: null }, { bytes: 0 });
 * // { run: true }
 */
export function decideWork(
  settings: Settings,
  env: WorkEnvironment,
  usage: UsageToday,
): WorkDecision {
  if (settings.paused) return { run: false, reason: 'paused' };
  if (usage.bytes + MIN_FETCH_BYTES > dailyCapBytes(settings)) {
    return { run: false, reason: 'daily_cap_reached' };
  }
  if (settings.pauseOnSaveData && env.saveData === true) return { run: false, reason: 'save_data' };
  if (
    settings.minBatteryPercent > 0 &&
    env.battery !== null &&
    !env.battery.charging &&
    env.battery.level * 100 < settings.minBatteryPercent
  ) {
    return { run: false, reason: 'low_battery' };
  }
  if (settings.idleOnly && env.idleState === 'active') return { run: false, reason: 'not_idle' };
  return { run: true };
}

/** Shares what is left of the daily cap between concurrent fetches. */
export interface ByteBudget {
  /**
   * Reserves up to `want` bytes of what `capBytes` (the cap the calling job runs under) leaves;
   * 0 when too little is left to start a fetch.
   */
  reserve(want: number, capBytes: number): number;
  /** Gives a reservation back once its fetch is over and its bytes are counted as used. */
  release(granted: number): void;
}

/**
 * The cap holds even with four fetches in flight: each fetch reserves up to the body-size limit
 * before it starts (and reads at most that), then gives back what it did not read. A fetch that
 * cannot get `min(minBytes, want)` is not started.
 */
export function createByteBudget(params: {
  usedBytes: () => number;
  /** @default MIN_FETCH_BYTES */
  minBytes?: number;
}): ByteBudget {
  const minBytes = params.minBytes ?? MIN_FETCH_BYTES;
  let reserved = 0;
  return {
    reserve(want, capBytes) {
      const left = capBytes - params.usedBytes() - reserved;
      const granted = Math.min(want, left);
      if (granted <= 0 || granted < Math.min(minBytes, want)) return 0;
      reserved += granted;
      return granted;
    },
    release(granted) {
      reserved = Math.max(0, reserved - granted);
    },
  };
}
