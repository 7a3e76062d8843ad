/** What readiness knows of one background loop. */
export interface LoopBeat {
  name: string;
  everyMs: number;
  startedAt: number;
  /** When its last iteration ended well; null before the first. */
  lastOkAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
}

/** The background loops' heartbeats, per process (one instance in `Deps`). */
export interface LoopHealth {
  register: (name: string, everyMs: number, now: number) => void;
  ok: (name: string, now: number) => void;
  failed: (name: string, now: number, error: unknown) => void;
  list: () => readonly LoopBeat[];
}

/** A fresh heartbeat registry; `runLoops` writes it, `/readyz` reads it. */
export function createLoopHealth(): LoopHealth {
  const beats = new Map<string, LoopBeat>();
  return {
    register: (name, everyMs, now) => {
      beats.set(name, {
        name,
        everyMs,
        startedAt: now,
        lastOkAt: null,
        lastErrorAt: null,
        lastError: null,
      });
    },
    ok: (name, now) => {
      const beat = beats.get(name);
      if (beat) beat.lastOkAt = now;
    },
    failed: (name, now, error) => {
      const beat = beats.get(name);
      if (!beat) return;
      beat.lastErrorAt = now;
      beat.lastError =
        error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    },
    list: () => [...beats.values()],
  };
}

/** How long a loop may go without a good iteration before readiness reports it. */
export function loopStaleAfterMs(everyMs: number): number {
  return 3 * everyMs + 60_000;
}
