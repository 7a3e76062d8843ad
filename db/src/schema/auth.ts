import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A Sign-In with Ethereum nonce: single use, short-lived (replay protection). */
export const authNonces = pgTable('auth_nonces', {
  nonce: text('nonce').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** Set when a sign-in consumed it; a second use is refused. */
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});

/** A signed-in account's session; only the sha256 of the bearer token is kept. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    address: text('address').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_address_idx').on(t.address)],
);
