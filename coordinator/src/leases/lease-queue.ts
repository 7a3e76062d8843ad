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
  return new ReadyQueue(deps, options);
}

/** The ready queue's state (claims, the refill and the write-behind batch) and its steps. */
class ReadyQueue implements LeaseQueue {
  private queue: Claim[] = [];
  private refilling: Promise<number> | null = null;
  private refillStartedAt = 0;
  private pending: HandOut[] = [];
  private flushing: Promise<void> | null = null;
  private readonly background = new Set<Promise<unknown>>();
  private closed = false;

  private readonly deps: { db: Db; clock: Clock; logger: Logger };
  private readonly options: LeaseQueueOptions;
  private readonly demand: ReturnType<typeof createRefillDemand>;

  constructor(deps: { db: Db; clock: Clock; logger: Logger }, options: LeaseQueueOptions) {
    this.deps = deps;
    this.options = options;
    this.demand = createRefillDemand({
      min: Math.min(MIN_REFILL, options.size),
      max: options.size,
    });
  }

  async take({ device, max }: { device: string; max: number }): Promise<QueuedLease> {
    const picked = await this.pick(max);
    if (this.queue.length < this.demand.target(this.deps.clock.now().getTime()) / 2) {
      this.refillInBackground();
    }
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + this.options.ttlMs);
    const leaseId = randomUUID();
    const handOuts: HandOut[] = picked.map((claim) => ({
      claim,
      jobId: randomUUID(),
      leaseId,
      device,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    }));
    const given = await this.write(handOuts);
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
  }

  async settled(): Promise<void> {
    while (this.flushing || this.pending.length > 0) await (this.flushing ?? this.flush());
  }

  async forgetCampaign(campaignId: string): Promise<void> {
    const dropped = this.queue.filter((c) => c.campaignId === campaignId);
    this.queue = this.queue.filter((c) => c.campaignId !== campaignId);
    await this.release(dropped);
  }

  queued(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.refilling?.catch(() => {});
    this.release(this.queue);
    this.queue = [];
    await this.settled();
    await Promise.allSettled([...this.background]);
  }

  /**
   * Takes up to `max` queued claims. An empty queue is refilled first (the stale claims back
   * before, so it may take them again); when other leases waiting on the same refill took all it
   * claimed, once more.
   */
  private async pick(max: number): Promise<Claim[]> {
    const released = this.dropStale();
    let picked = this.queue.splice(0, max);
    const arrived = this.deps.clock.now().getTime();
    this.demand.record(max, arrived);
    for (let round = 0; picked.length === 0 && round < REFILL_ROUNDS; round++) {
      await released;
      // A refill begun before this lease arrived may have missed hosts ready since: when it
      // found nothing, one more sees the frontier as of now.
      const begunBefore = this.refilling !== null && this.refillStartedAt < arrived;
      let claimed = await this.refill();
      if (claimed === 0 && begunBefore) claimed = await this.refill();
      if (claimed === 0) break;
      void this.dropStale();
      picked = this.queue.splice(0, max);
    }
    return picked;
  }

  /** Writes the hand-outs (behind the answer, or before it); resolves to those given out. */
  private async write(handOuts: HandOut[]): Promise<HandOut[]> {
    if (this.options.writeBehind) {
      this.pending.push(...handOuts);
      void this.flush();
      return handOuts;
    }
    const written = await handOutClaims(this.deps.db, handOuts);
    return handOuts.filter((h) => written.has(h.jobId));
  }

  private track(work: Promise<unknown>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  private release(claims: Claim[]): Promise<unknown> {
    if (claims.length === 0) return Promise.resolve();
    const work = releaseClaims(this.deps.db, claims).catch((error: unknown) =>
      this.deps.logger.warn('lease queue could not release claims; the expiry sweep will', {
        claims: claims.length,
        err: error,
      }),
    );
    this.track(work);
    return work;
  }

  /** Releases the claims held past the hold; resolves when they are back in the frontier. */
  private dropStale(): Promise<unknown> {
    const oldest = this.deps.clock.now().getTime() - this.options.holdMs;
    if (this.queue.every((c) => c.claimedAt > oldest)) return Promise.resolve();
    const stale = this.queue.filter((c) => c.claimedAt <= oldest);
    this.queue = this.queue.filter((c) => c.claimedAt > oldest);
    return this.release(stale);
  }

  /** Claims up to the queue's size (one statement at a time); resolves to how many it claimed. */
  private refill(): Promise<number> {
    if (this.closed) return Promise.resolve(0);
    this.refilling ??= this.claimUpToSize().finally(() => {
      this.refilling = null;
    });
    return this.refilling;
  }

  private async claimUpToSize(): Promise<number> {
    const now = this.deps.clock.now();
    const limit = this.demand.target(now.getTime()) - this.queue.length;
    if (limit <= 0) return 0;
    this.refillStartedAt = now.getTime();
    const claims = await claimReadyUrls(this.deps.db, {
      now,
      limit,
      claimExpiresAt: new Date(now.getTime() + this.options.holdMs + this.options.ttlMs),
    });
    if (this.closed) this.release(claims);
    else this.queue.push(...claims);
    return claims.length;
  }

  private refillInBackground(): void {
    this.track(
      this.refill().catch((error: unknown) =>
        this.deps.logger.warn('lease queue refill failed', { err: error }),
      ),
    );
  }

  private flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) void this.flush();
    });
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await handOutClaims(this.deps.db, batch);
      } catch (error) {
        // The devices hold jobs that were not written: their submissions are refused
        // (LEASE_NOT_FOUND) and the URLs come back when their claims expire.
        this.deps.logger.error('lease queue could not write leases', {
          jobs: batch.length,
          err: error,
        });
      }
    }
  }
}
