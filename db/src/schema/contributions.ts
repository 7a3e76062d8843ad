import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns.ts';
import { jobs } from './leases.ts';

/** bytea that reads back as a plain Uint8Array from both drivers (postgres-js gives a Buffer). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/** What became of a contribution (the receipt's outcome). */
export const contributionOutcomes = [
  'accepted',
  'low_quality',
  'duplicate',
  'near_duplicate',
  'fetch_failed',
] as const;

/**
 * Where a contribution stands with verification: `new` until the sampler looked at it, `skipped`
 * when it was not selected, `pending` while its check runs, then `confirmed`, `failed` (the
 * re-fetched page did not match: fabricated, earns nothing) or `inconclusive` (could not be
 * re-fetched). `revoked`: its device was quarantined before it was confirmed, so it leaves
 * attribution. A dataset freeze keeps only contributions that are not `failed` or `revoked`.
 */
export const contributionVerificationStates = [
  'new',
  'skipped',
  'pending',
  'confirmed',
  'failed',
  'inconclusive',
  'revoked',
] as const;

/**
 * One signed submission of a device: the signature covers the struct hashes of its items in
 * order, kept here so anyone can check any contribution later.
 */
export const contributionBatches = pgTable('contribution_batches', {
  id: text('id').primaryKey(),
  deviceAddress: text('device_address').notNull(),
  signature: text('signature').notNull(),
  itemsHash: text('items_hash').notNull(),
  itemHashes: jsonb('item_hashes').$type<string[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Every fetched page a device submitted, accepted or not, with the reason. One per job. */
export const contributions = pgTable(
  'contributions',
  {
    id: text('id').primaryKey(),
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id),
    batchId: text('batch_id')
      .notNull()
      .references(() => contributionBatches.id),
    batchIndex: integer('batch_index').notNull(),
    /** EIP-712 struct hash of the signed `Contribution`. */
    structHash: text('struct_hash').notNull(),
    campaignId: text('campaign_id').notNull(),
    deviceAddress: text('device_address').notNull(),
    url: text('url').notNull(),
    finalUrl: text('final_url').notNull(),
    httpStatus: integer('http_status').notNull(),
    bodyHash: text('body_hash').notNull(),
    textHash: text('text_hash').notNull(),
    linksHash: text('links_hash').notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true, mode: 'date' }).notNull(),
    contentType: text('content_type').notNull(),
    bodyBytes: integer('body_bytes').notNull(),
    /** sha256 of the normalized text. */
    contentHash: text('content_hash').notNull(),
    outcome: text('outcome', { enum: contributionOutcomes }).notNull(),
    /** A short code saying why, for every outcome but `accepted`. */
    reason: text('reason'),
    /** The canonical item this contribution became or joined. */
    itemId: bigint('item_id', { mode: 'number' }),
    /** Exact shingle Jaccard to the closest member of `itemId`'s group, for near duplicates. */
    similarity: real('similarity'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** See {@link contributionVerificationStates}. */
    verification: text('verification', { enum: contributionVerificationStates })
      .notNull()
      .default('new'),
  },
  (t) => [
    uniqueIndex('contributions_job_uq').on(t.jobId),
    index('contributions_verification_new_idx')
      .on(t.createdAt)
      .where(sql`${t.verification} = 'new'`),
    index('contributions_campaign_outcome_idx').on(t.campaignId, t.outcome),
    index('contributions_device_idx').on(t.deviceAddress),
    index('contributions_item_idx').on(t.itemId),
  ],
);

/** The canonical rows: the first-seen copy of each piece of content in a campaign. */
export const items = pgTable(
  'items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    contributionId: text('contribution_id').notNull(),
    deviceAddress: text('device_address').notNull(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    contentHash: text('content_hash').notNull(),
    minhash: bytea('minhash').notNull(),
    language: text('language').notNull(),
    languageConfidence: real('language_confidence').notNull(),
    qualitySignals: jsonb('quality_signals').$type<Record<string, unknown>>().notNull(),
    qualityScore: real('quality_score').notNull(),
    /** How many later contributions joined this item as exact or near duplicates. */
    duplicateCount: integer('duplicate_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('items_campaign_content_uq').on(t.campaignId, t.contentHash),
    index('items_campaign_score_idx').on(t.campaignId, t.qualityScore),
  ],
);

/**
 * The other members of an item's near-duplicate group: each near duplicate whose text differs
 * from every member already there. Later texts are compared with them too (their LSH buckets sit
 * in `lsh_buckets` with `variant_id`), so a chain A ≈ B ≈ C with A ≉ C still joins one item.
 */
export const itemVariants = pgTable('item_variants', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  campaignId: text('campaign_id').notNull(),
  itemId: bigint('item_id', { mode: 'number' }).notNull(),
  /** The near-duplicate contribution whose text this is. */
  contributionId: text('contribution_id').notNull(),
  text: text('text').notNull(),
  minhash: bytea('minhash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * MinHash LSH buckets of the items and of their variants, one row per band, looked up by
 * (campaign, bucket). `variantId` is null for the item's own text.
 */
export const lshBuckets = pgTable(
  'lsh_buckets',
  {
    campaignId: text('campaign_id').notNull(),
    band: smallint('band').notNull(),
    bucket: bigint('bucket', { mode: 'bigint' }).notNull(),
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    variantId: bigint('variant_id', { mode: 'number' }),
  },
  // One index, the lookup: all of a text's 14 buckets at once (`bucket = any(...)`). Bands differ
  // by their hash lanes, so a bucket value alone identifies a band's rows in practice, and a rare
  // cross-band match only adds a candidate that the similarity check then rejects. Rows are only
  // ever inserted with their item, so no key is needed to keep them unique.
  (t) => [index('lsh_buckets_lookup_idx').on(t.campaignId, t.bucket)],
);

/** A coordinator signature over the receipts of one answer. */
export const receiptBatches = pgTable('receipt_batches', {
  id: text('id').primaryKey(),
  itemsHash: text('items_hash').notNull(),
  count: integer('count').notNull(),
  issuedAt: bigint('issued_at', { mode: 'number' }).notNull(),
  signature: text('signature').notNull(),
});

/** The receipt of each contribution, issued once; a resubmission gets the same receipt back. */
export const receipts = pgTable('receipts', {
  contributionId: text('contribution_id')
    .primaryKey()
    .references(() => contributions.id),
  issuedAt: bigint('issued_at', { mode: 'number' }).notNull(),
  structHash: text('struct_hash').notNull(),
  /** The quality score the receipt reported (null for failed fetches). */
  qualityScore: real('quality_score'),
  /** The first batch that carried it. */
  batchId: text('batch_id').references(() => receiptBatches.id),
});
