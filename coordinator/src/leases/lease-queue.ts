import { randomUUID } from 'node:crypto';
import type { Db } from '@plaza/db';
import type { Job } from '@plaza/protocol';
import type { Clock } from '../clock.ts';
import type { Logger } from '../observability/logger.ts';
import { type Claim, claimReadyUrls } from './claim-ready-urls.ts';
import { type HandOut, handOutClaims } from './hand-out-claims.ts';
import { createRefillDemand } from './refill-demand.ts';
import { releaseClaims } from './release-claims.ts';

/** Refills one lease may wait for before it answers with no jobs. */
const REFILL_ROUNDS = 3;
/**
 * Claims a refill takes at least (capped by the queue's size), whatever the recent demand: the
 * largest lease a device may ask for, so a quiet queue still fills one lease in one refill.
 */
const MIN_REFILL = 32;

/** How a ready queue is sized and how it writes its leases. */
export interface LeaseQueueOptions {
  /**
   * Claims held at most. How many a refill claims follows demand (`createRefillDemand`: the jobs
   * leases asked for lately, per two seconds); a refill starts when fewer than half of that are
   * left.
   */
  size: number;
  /** A claim no device took within this many ms is returned to the frontier. */
  holdMs: number;
  /** The lease TTL, ms. */
  ttlMs: number;
  /**
   * Answer with the jobs before their rows are written (one statement for all the leases handed
   * out meanwhile). Only for a database one process owns (PGlite): a submission to this process
   * waits for `settled()`, but another process would not find the jobs yet.
   */
  writeBehind: boolean;
}

/** One device's lease, served from the queue. */
export interface QueuedLease {
  leaseId: string;
  expiresAt: Date;
  jobs: Job[];
}

/** A process's ready queue of claimed URLs, served to devices without a statement per lease. */
export interface LeaseQueue {
  /** Hands up to `max` queued claims (one per host) to `device`, refilling first if empty. */
  take(params: { device: string; max: number }): Promise<QueuedLease>;
  /** Resolves once every lease handed out so far is written (at once without write-behind). */
  settled(): Promise<void>;
  /** Drops and releases the queued claims of a campaign that stopped (paused, closed). */
  forgetCampaign(campaignId: string): Promise<void>;
  /** Claims queued now. */
  queued(): number;
  /** Stops refilling, releases the queued claims and writes what was handed out. */
  close(): Promise<void>;
}

/**
 * An in-process ready queue: one statement claims the next ready URLs (one per host, as a lease
 * would choose them) for this process ahead of demand, and a lease takes from memory, so it no
 * longer waits for the claim query behind ingest (unless the queue ran dry). Every guarantee stays in the database: claimed
 * URLs are `leased` and their hosts closed until the claim expires (`holdMs` + the TTL), so other
 * processes skip them and the expiry sweep returns them if this process dies; a claim is handed
 * out only within `holdMs` of being made, and its hand-out is written only while the database
 * still shows the claim (`handOutClaims`), so nothing is leased twice. With `writeBehind` the
 * hand-outs are written after the answer, batched; otherwise before it, in one statement that
 * takes no lock another lease or ingest waits for.
 */
export function createLeaseQueue(
  deps: { db: Db; clock: Clock; logger: Logger },
  options: LeaseQueueOptions,
): LeaseQueue {
  const { db, clock, logger } = deps;
  let queue: Claim[] = [];
  let refilling: Promise<number> | null = null;
  let refillStartedAt = 0;
  let pending: HandOut[] = [];
  let flushing: Promise<void> | null = null;
  const background = new Set<Promise<unknown>>();
  let closed = false;
  const demand = createRefillDemand({ min: Math.min(MIN_REFILL, options.size), max: options.size });

  const track = (work: Promise<unknown>) => {
    background.add(work);
    void work.finally(() => background.delete(work));
  };

  const release = (claims: Claim[]): Promise<unknown> => {
    if (claims.length === 0) return Promise.resolve();
    const work = releaseClaims(db, claims).catch((error: unknown) =>
      logger.warn('lease queue could not release claims; the expiry sweep will', {
        claims: claims.length,
        err: error,
      }),
    );
    track(work);
    return work;
  };

  /** Releases the claims held past the hold; resolves when they are back in the frontier. */
  const dropStale = (): Promise<unknown> => {
    const oldest = clock.now().getTime() - options.holdMs;
    if (queue.every((c) => c.claimedAt > oldest)) return Promise.resolve();
    const stale = queue.filter((c) => c.claimedAt <= oldest);
    queue = queue.filter((c) => c.claimedAt > oldest);
    return release(stale);
  };

  /** Claims up to the queue's size (one statement at a time); resolves to how many it claimed. */
  const refill = (): Promise<number> => {
    if (closed) return Promise.resolve(0);
    refilling ??= (async () => {
      const now = clock.now();
      const limit = demand.target(now.getTime()) - queue.length;
      if (limit <= 0) return 0;
      refillStartedAt = now.getTime();
      const claims = await claimReadyUrls(db, {
        now,
        limit,
        claimExpiresAt: new Date(now.getTime() + options.holdMs + options.ttlMs),
      });
      if (closed) release(claims);
      else queue.push(...claims);
      return claims.length;
    })().finally(() => {
      refilling = null;
    });
    return refilling;
  };

  const refillInBackground = () => {
    track(
      refill().catch((error: unknown) => logger.warn('lease queue refill failed', { err: error })),
    );
  };

  const flush = (): Promise<void> => {
    flushing ??= (async () => {
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        try {
          await handOutClaims(db, batch);
        } catch (error) {
          // The devices hold jobs that were not written: their submissions are refused
          // (LEASE_NOT_FOUND) and the URLs come back when their claims expire.
          logger.error('lease queue could not write leases', { jobs: batch.length, err: error });
        }
      }
    })().finally(() => {
      flushing = null;
      if (pending.length > 0) void flush();
    });
    return flushing;
  };

  return {
    async take({ device, max }) {
      const released = dropStale();
      let picked = queue.splice(0, max);
      // An empty queue is refilled first (the stale claims back before, so it may take them
      // again); when other leases waiting on the same refill took all it claimed, once more.
      const arrived = clock.now().getTime();
      demand.record(max, arrived);
      for (let round = 0; picked.length === 0 && round < REFILL_ROUNDS; round++) {
        await released;
        // A refill begun before this lease arrived may have missed hosts ready since: when it
        // found nothing, one more sees the frontier as of now.
        const begunBefore = refilling !== null && refillStartedAt < arrived;
        let claimed = await refill();
        if (claimed === 0 && begunBefore) claimed = await refill();
        if (claimed === 0) break;
        void dropStale();
        picked = queue.splice(0, max);
      }
      if (queue.length < demand.target(clock.now().getTime()) / 2) refillInBackground();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + options.ttlMs);
      const leaseId = randomUUID();
      const handOuts: HandOut[] = picked.map((claim) => ({
        claim,
        jobId: randomUUID(),
        leaseId,
        device,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      }));
      let given = handOuts;
      if (options.writeBehind) {
        pending.push(...handOuts);
        void flush();
      } else {
        const written = await handOutClaims(db, handOuts);
        given = handOuts.filter((h) => written.has(h.jobId));
      }
      return {
        leaseId,
        expiresAt,
        jobs: given.map(({ claim, jobId }) => ({
          jobId,
          campaignId: claim.campaignId,
          url: claim.url,
          extraction: claim.extraction,
        })),
      };
    },
    async settled() {
      while (flushing || pending.length > 0) await (flushing ?? flush());
    },
    async forgetCampaign(campaignId) {
      const dropped = queue.filter((c) => c.campaignId === campaignId);
      queue = queue.filter((c) => c.campaignId !== campaignId);
      await release(dropped);
    },
    queued: () => queue.length,
    async close() {
      closed = true;
      await refilling?.catch(() => {});
      release(queue);
      queue = [];
      await this.settled();
      await Promise.allSettled([...background]);
    },
  };
}
