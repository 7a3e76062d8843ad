import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { contributions } from './contributions.ts';

/** What a verification check found (`pending` until it ran). */
export const verificationCheckStates = ['pending', 'confirmed', 'failed', 'inconclusive'] as const;

/** Why a contribution was checked: random sample, the device's reputation, or heuristic flags. */
export const verificationCheckReasons = ['sample', 'reputation', 'flagged'] as const;

/**
 * One server-side re-fetch of a contribution's URL, compared with what the device submitted. At
 * most one per contribution. Pending checks are claimed with `FOR UPDATE SKIP LOCKED` and a
 * `claimed_until`, so any number of coordinator processes verify disjoint batches.
 */
export const verificationChecks = pgTable(
  'verification_checks',
  {
    contributionId: text('contribution_id')
      .primaryKey()
      .references(() => contributions.id),
    campaignId: text('campaign_id').notNull(),
    deviceAddress: text('device_address').notNull(),
    /** The job URL, fetched again through its redirects as the device did. */
    url: text('url').notNull(),
    /** The URL's host: a re-fetch takes the host's politeness slot like a leased job. */
    host: text('host').notNull(),
    /** The item the contribution became or joined: its text is what the page is compared with. */
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    /** `http`: crawlee's CheerioCrawler; `browser`: PlaywrightCrawler (campaigns that need one). */
    mode: text('mode', { enum: ['http', 'browser'] }).notNull(),
    reason: text('reason', { enum: verificationCheckReasons }).notNull(),
    /** Heuristic flags raised at selection (codes), whatever the reason. */
    flags: jsonb('flags').$type<string[]>().notNull().default([]),
    state: text('state', { enum: verificationCheckStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** A process is working on it until then; afterwards another may claim it. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    /** MinHash similarity (exact shingle Jaccard near the threshold) of the two texts. */
    similarity: real('similarity'),
    httpStatus: integer('http_status'),
    finalUrl: text('final_url'),
    /** Why a check was inconclusive (an error code). */
    error: text('error'),
    /** When the contribution arrived: pending checks are claimed oldest first. */
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('verification_checks_pending_idx').on(t.createdAt).where(sql`${t.state} = 'pending'`),
    index('verification_checks_campaign_idx').on(t.campaignId, t.state),
    index('verification_checks_device_idx').on(t.deviceAddress),
  ],
);
