import { z } from 'zod';
import type { KeyValueStore } from './storage/key-value-store.ts';

/** The storage key of today's usage. */
export const USAGE_KEY = 'usage';

const usageSchema = z.object({
  /** Local calendar day, `YYYY-MM-DD`. */
  day: z.string(),
  /** Page and robots.txt body bytes fetched that day. */
  bytes: z.number().int().min(0),
  /** Pages fetched that day (answers read, whatever their outcome). */
  pages: z.number().int().min(0),
});
export type Usage = z.output<typeof usageSchema>;

/** The local calendar day of `date`, `YYYY-MM-DD`. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today's bytes and pages, counted by the worker, read by the popup and the cap. */
export interface UsageMeter {
  /** Today's usage (zero after midnight). */
  today(): Promise<Usage>;
  /** Bytes used today as last loaded: synchronous, for the byte budget. */
  bytesNow(): number;
  /** Counts a fetch at once; storage is written within `persistDelayMs`. */
  add(bytes: number, pages: number): Promise<Usage>;
  /** Writes the counts now. */
  persist(): Promise<void>;
}

/**
 * Counts usage per local day in extension storage. Counts change in memory at once (the cap reads
 * them there) and reach storage at most `persistDelayMs` later in one write, so concurrent fetches
 * never lose an update nor wait for storage. Only the worker writes.
 */
export function createUsageMeter(
  store: KeyValueStore,
  now: () => Date = () => new Date(),
  persistDelayMs = 500,
): UsageMeter {
  let cached: Usage | null = null;
  let loading: Promise<Usage> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();

  async function load(): Promise<Usage> {
    const day = localDay(now());
    if (cached?.day === day) return cached;
    loading ??= (async () => {
      const parsed = usageSchema.safeParse(await store.get(USAGE_KEY));
      cached =
        parsed.success && parsed.data.day === day ? parsed.data : { day, bytes: 0, pages: 0 };
      return cached;
    })().finally(() => {
      loading = null;
    });
    return loading;
  }

  const persist = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const snapshot = cached;
    writing = writing.then(() => (snapshot ? store.set({ [USAGE_KEY]: snapshot }) : undefined));
    return writing;
  };

  return {
    today: load,
    bytesNow: () => (cached?.day === localDay(now()) ? cached.bytes : 0),
    add: async (bytes, pages) => {
      await load();
      // Read `cached` after the await: another add may have changed it meanwhile.
      const current = cached!;
      cached = { day: current.day, bytes: current.bytes + bytes, pages: current.pages + pages };
      timer ??= setTimeout(() => void persist(), persistDelayMs);
      return cached;
    },
    persist,
  };
}

/** Reads today's usage without a meter (the popup). */
export async function readUsage(store: KeyValueStore, now = new Date()): Promise<Usage> {
  const day = localDay(now);
  const parsed = usageSchema.safeParse(await store.get(USAGE_KEY));
  return parsed.success && parsed.data.day === day ? parsed.data : { day, bytes: 0, pages: 0 };
}
