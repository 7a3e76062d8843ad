import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { devices } from './devices.ts';
import { frontierUrls } from './frontier.ts';

/** A batch of jobs handed to one device, all expiring together. */
export const leases = pgTable(
  'leases',
  {
    id: text('id').primaryKey(),
    deviceAddress: text('device_address')
      .notNull()
      .references(() => devices.address),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('leases_device_idx').on(t.deviceAddress)],
);

/** One URL of a lease. Submitting it is single use; expiry returns the URL to the frontier. */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    leaseId: text('lease_id')
      .notNull()
      .references(() => leases.id),
    frontierUrlId: bigint('frontier_url_id', { mode: 'number' })
      .notNull()
      .references(() => frontierUrls.id),
    campaignId: text('campaign_id').notNull(),
    deviceAddress: text('device_address').notNull(),
    url: text('url').notNull(),
    host: text('host').notNull(),
    state: text('state', { enum: ['leased', 'submitted', 'expired'] })
      .notNull()
      .default('leased'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('jobs_frontier_idx').on(t.frontierUrlId),
    index('jobs_lease_idx').on(t.leaseId),
    // The expiry sweep reads only leased jobs past their expiry, whatever the table's size.
    index('jobs_leased_expiry_idx').on(t.expiresAt).where(sql`${t.state} = 'leased'`),
    // Retention deletes expired jobs by age.
    index('jobs_expired_idx').on(t.expiresAt).where(sql`${t.state} = 'expired'`),
  ],
);
