import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A dataset campaign. `spec` holds the validated creation request (seeds, scope, politeness, label
 * schema, attribution weights …) exactly as the protocol defines it, so new fields need no migration.
 */
export const campaigns = pgTable('campaigns', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  status: text('status', { enum: ['active', 'paused', 'closed'] })
    .notNull()
    .default('active'),
  spec: jsonb('spec').notNull(),
  /** When the campaign's sitemaps were read into the frontier; null until then. */
  sitemapsLoadedAt: timestamp('sitemaps_loaded_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
