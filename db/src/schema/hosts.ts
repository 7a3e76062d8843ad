import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** robots.txt state of a host: unknown until fetched; `error` fails closed. */
export const robotsStates = ['unknown', 'ok', 'error'] as const;

/**
 * Politeness state per host, shared by every campaign, device and coordinator process: a host is
 * leased only when `next_fetch_at` has passed, and leasing moves it forward.
 */
export const hosts = pgTable(
  'hosts',
  {
    host: text('host').primaryKey(),
    nextFetchAt: timestamp('next_fetch_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    robotsState: text('robots_state', { enum: robotsStates }).notNull().default('unknown'),
    /** HTTP status of the last robots.txt fetch (0 for a network failure). */
    robotsStatus: integer('robots_status'),
    robotsTxt: text('robots_txt'),
    robotsFetchedAt: timestamp('robots_fetched_at', { withTimezone: true, mode: 'date' }),
    robotsExpiresAt: timestamp('robots_expires_at', { withTimezone: true, mode: 'date' }),
    /** From robots.txt, capped; 0 when absent. */
    crawlDelayMs: integer('crawl_delay_ms').notNull().default(0),
    /** Why the last robots.txt check failed, in words (DNS, network, 5xx); null after a success. */
    robotsError: text('robots_error'),
    /** The host's DNS answers were not all public. */
    refusedReason: text('refused_reason'),
    /**
     * The host may have queued URLs. Set when URLs are queued or requeued, cleared when leasing
     * finds none left, so the lease query scans only hosts with work (a partial index).
     */
    hasQueued: boolean('has_queued').notNull().default(false),
  },
  (t) => [
    index('hosts_ready_idx')
      .on(t.nextFetchAt)
      .where(sql`${t.hasQueued} and ${t.robotsState} = 'ok' and ${t.refusedReason} is null`),
    index('hosts_robots_expiry_idx').on(t.robotsExpiresAt),
  ],
);
