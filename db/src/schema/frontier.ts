import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns.ts';

/** Where a URL stands in its campaign's frontier. */
export const frontierStatuses = ['queued', 'leased', 'done', 'failed', 'refused'] as const;

/** URLs to fetch: normalized, unique per campaign. */
export const frontierUrls = pgTable(
  'frontier_urls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    url: text('url').notNull(),
    host: text('host').notNull(),
    depth: integer('depth').notNull().default(0),
    status: text('status', { enum: frontierStatuses }).notNull().default('queued'),
    /** Why a URL was refused or failed (an error code). */
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    /** Lower is leased first. */
    priority: integer('priority').notNull().default(0),
    discoveredFrom: bigint('discovered_from', { mode: 'number' }),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('frontier_urls_campaign_url_uq').on(t.campaignId, t.url),
    index('frontier_urls_queued_idx')
      .on(t.host, t.priority, t.id)
      .where(sql`${t.status} = 'queued'`),
    index('frontier_urls_leased_idx').on(t.leaseExpiresAt).where(sql`${t.status} = 'leased'`),
    index('frontier_urls_campaign_status_idx').on(t.campaignId, t.status),
  ],
);
