import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { loopStaleAfterMs } from './loop-health.ts';

/** One readiness check. */
export interface ReadinessCheck {
  ok: boolean;
  message: string;
  ms: number;
}

/** What `/readyz` answers. */
export interface Readiness {
  ready: boolean;
  checks: { database: ReadinessCheck; chain: ReadinessCheck; loops: ReadinessCheck };
}

const TIMEOUT_MS = 3_000;

async function timed(run: () => Promise<string>): Promise<ReadinessCheck> {
  const started = performance.now();
  try {
    const message = await Promise.race([
      run(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
      ),
    ]);
    return { ok: true, message, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return { ok: false, message, ms: Math.round(performance.now() - started) };
  }
}

/**
 * Whether this process can do its work: the database answers, the chain's RPC answers (when there
 * is one), and every background loop had a good iteration recently (when they run here). Liveness
 * (`/healthz`) only says the process serves.
 */
export async function checkReadiness(
  deps: Pick<Deps, 'db' | 'publisher' | 'loopHealth' | 'config' | 'clock'>,
): Promise<Readiness> {
  const [database, chain] = await Promise.all([
    timed(async () => {
      await deps.db.rows(sql`select 1 as ok`);
      return `${deps.db.dialect} answers`;
    }),
    deps.publisher
      ? timed(async () => {
          const block = await (
            deps.publisher as NonNullable<Deps['publisher']>
          ).client.getBlockNumber({
            cacheTime: 0,
          });
          return `chain ${deps.publisher?.chainId} at block ${block}`;
        })
      : Promise.resolve({ ok: true, message: 'no chain configured', ms: 0 }),
  ]);
  const now = deps.clock.now().getTime();
  const stale = deps.loopHealth
    .list()
    .filter((beat) => now - (beat.lastOkAt ?? beat.startedAt) > loopStaleAfterMs(beat.everyMs))
    .map((beat) => `${beat.name}${beat.lastError ? ` (${beat.lastError})` : ''}`);
  const loopCount = deps.loopHealth.list().length;
  const loops: ReadinessCheck = !deps.config.PLAZA_BACKGROUND
    ? { ok: true, message: 'background loops off in this process', ms: 0 }
    : stale.length > 0
      ? { ok: false, message: `no good iteration lately: ${stale.join(', ')}`, ms: 0 }
      : { ok: true, message: `${loopCount} loops running`, ms: 0 };
  return { ready: database.ok && chain.ok && loops.ok, checks: { database, chain, loops } };
}
