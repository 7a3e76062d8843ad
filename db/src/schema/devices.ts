import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** A contributor's extension, known by its secp256k1 address. */
export const devices = pgTable(
  'devices',
  {
    address: text('address').primaryKey(),
    payoutAddress: text('payout_address'),
    /** The last accepted `PayoutLink`/`PayoutUnlink` nonce: the next must carry exactly one more. */
    payoutNonce: bigint('payout_nonce', { mode: 'number' }).notNull().default(0),
    /** sha256 of the bearer token given at registration. */
    tokenHash: text('token_hash').notNull(),
    /** The newest registration's `issuedAt`; an older one cannot rotate the token again. */
    registeredIssuedAt: bigint('registered_issued_at', { mode: 'number' }).notNull(),
    reputation: real('reputation').notNull().default(0.5),
    confirmedChecks: integer('confirmed_checks').notNull().default(0),
    failedChecks: integer('failed_checks').notNull().default(0),
    status: text('status', { enum: ['active', 'quarantined'] })
      .notNull()
      .default('active'),
    /** `server`: one of the coordinator's own crawl workers (its contributions are not sampled). */
    kind: text('kind', { enum: ['extension', 'server'] })
      .notNull()
      .default('extension'),
    /** Why the device was quarantined (a code of the protocol's `quarantineReasons`). */
    quarantineReason: text('quarantine_reason'),
    quarantinedAt: timestamp('quarantined_at', { withTimezone: true, mode: 'date' }),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
  },
  // Every device request looks its bearer token up.
  (t) => [index('devices_token_idx').on(t.tokenHash)],
);

/**
 * Every change of a device's payout (a link signed by the device and the payout wallet, or an
 * unlink signed by the device), kept with its signatures so anyone can check who allowed it.
 * One row per accepted nonce.
 */
export const devicePayoutEvents = pgTable(
  'device_payout_events',
  {
    deviceAddress: text('device_address')
      .notNull()
      .references(() => devices.address),
    nonce: bigint('nonce', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: ['payout_linked', 'payout_unlinked'] }).notNull(),
    /** The payout from then on; null: the device address itself. */
    payoutAddress: text('payout_address'),
    previousAddress: text('previous_address'),
    issuedAt: bigint('issued_at', { mode: 'number' }).notNull(),
    deviceSignature: text('device_signature').notNull(),
    /** The payout wallet's signature of the link; null for an unlink. */
    payoutSignature: text('payout_signature'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceAddress, t.nonce] })],
);
