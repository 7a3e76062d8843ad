import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** bytea that reads back as a plain Uint8Array from both drivers (postgres-js gives a Buffer). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * A published campaign model: a tfjs layers model, content-addressed. `hash` is the sha256 of
 * `model_json` (exact bytes) followed by `weights`, so the same labels give the same row. Rows
 * are never changed; they are served at `/v1/models/:hash/` with immutable caching.
 */
export const prelabelModels = pgTable(
  'prelabel_models',
  {
    hash: text('hash').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    classes: jsonb('classes').notNull(),
    /** The featurizer (`FeatureSpec` of the protocol). */
    features: jsonb('features').notNull(),
    /** The tfjs `model.json`, exactly as served and hashed. */
    modelJson: text('model_json').notNull(),
    /** The weights file (`weights.bin`): float32, little-endian, in manifest order. */
    weights: bytea('weights').notNull(),
    /** Aggregated labels the training run read (train + hold-out). */
    labels: integer('labels').notNull(),
    /** Hold-out accuracy and macro-F1 next to the majority-class baseline. */
    metrics: jsonb('metrics').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('prelabel_models_campaign_idx').on(t.campaignId, t.createdAt)],
);

/** A campaign's last training run and its current model (null until one beat the baseline). */
export const prelabelRuns = pgTable('prelabel_runs', {
  campaignId: text('campaign_id').primaryKey(),
  /** `published`, `unchanged`, `below_baseline`, `too_few_labels` or `unsupported`. */
  outcome: text('outcome').notNull(),
  labels: integer('labels').notNull(),
  metrics: jsonb('metrics'),
  /** The model devices run now. */
  modelHash: text('model_hash'),
  trainedAt: timestamp('trained_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** A process training this campaign holds it until then (many coordinators, one trainer). */
  claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
});

/** Items handed to a device to run a model on, with the inputs' hashes it must sign. */
export const prelabelLeases = pgTable(
  'prelabel_leases',
  {
    id: text('id').primaryKey(),
    deviceAddress: text('device_address').notNull(),
    campaignId: text('campaign_id').notNull(),
    modelHash: text('model_hash').notNull(),
    /** `[{ itemId, inputHash }]` in lease order. */
    items: jsonb('items').notNull(),
    state: text('state', { enum: ['active', 'submitted'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('prelabel_leases_device_idx').on(t.deviceAddress, t.createdAt)],
);

/** An item out to a device: no other lease takes it until `expires_at`. */
export const prelabelClaims = pgTable('prelabel_claims', {
  itemId: bigint('item_id', { mode: 'number' }).primaryKey(),
  leaseId: text('lease_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * A submitted batch and its verification: a sample of its items was recomputed on the
 * coordinator; `rejected` when one was beyond tolerance (none of the batch counts then).
 */
export const prelabelBatches = pgTable(
  'prelabel_batches',
  {
    id: text('id').primaryKey(),
    leaseId: text('lease_id').notNull().unique(),
    deviceAddress: text('device_address').notNull(),
    campaignId: text('campaign_id').notNull(),
    modelHash: text('model_hash').notNull(),
    backend: text('backend').notNull(),
    signature: text('signature').notNull(),
    itemsCount: integer('items_count').notNull(),
    checkedCount: integer('checked_count').notNull(),
    /** Largest absolute probability difference among the recomputed items. */
    maxDiff: real('max_diff'),
    status: text('status', { enum: ['accepted', 'rejected'] }).notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('prelabel_batches_device_idx').on(t.deviceAddress, t.createdAt)],
);

/**
 * A verified prediction that became an item's pre-label: the compute part of attribution. A
 * dataset freeze pays the row's compute share to the devices of its rows here with `revoked_at`
 * null. `checked`: this very item was recomputed; otherwise it was accepted with its batch's
 * sample, and it is revoked if its device is later caught.
 */
export const prelabelPredictions = pgTable(
  'prelabel_predictions',
  {
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    modelHash: text('model_hash').notNull(),
    deviceAddress: text('device_address').notNull(),
    campaignId: text('campaign_id').notNull(),
    batchId: text('batch_id').notNull(),
    backend: text('backend').notNull(),
    /** Class probabilities in millionths, as signed. */
    probs: jsonb('probs').notNull(),
    checked: boolean('checked').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.modelHash, t.deviceAddress] }),
    index('prelabel_predictions_campaign_idx').on(t.campaignId, t.itemId),
    index('prelabel_predictions_device_idx').on(t.deviceAddress).where(sql`${t.revokedAt} is null`),
  ],
);
