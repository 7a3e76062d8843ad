import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { items } from './contributions.ts';

/**
 * An item that passed the campaign's quality floor and is to be labeled by `overlap` labelers.
 * Gold tasks carry the known answer and are served at the campaign's gold rate instead.
 */
export const labelTasks = pgTable(
  'label_tasks',
  {
    itemId: bigint('item_id', { mode: 'number' })
      .primaryKey()
      .references(() => items.id),
    campaignId: text('campaign_id').notNull(),
    /** Labels stored so far (gold answers included). */
    labelsCount: integer('labels_count').notNull().default(0),
    /** The pre-label is shown only after the answer (decided once, when the task is made). */
    blind: boolean('blind').notNull(),
    /** The known answer of a gold item; null for ordinary tasks. */
    goldValue: jsonb('gold_value'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('label_tasks_campaign_idx').on(t.campaignId, t.labelsCount)],
);

/** A task handed to one labeler. A labeler is never given the same item twice. */
export const labelLeases = pgTable(
  'label_leases',
  {
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    labeler: text('labeler').notNull(),
    campaignId: text('campaign_id').notNull(),
    state: text('state', { enum: ['active', 'done', 'skipped'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.labeler] }),
    index('label_leases_labeler_idx').on(t.labeler, t.campaignId),
  ],
);

/**
 * One labeler's answer for one item. `value` is the first answer and the only one scored (gold
 * check, aggregation, posteriors, review): an edit comes after the pre-label was revealed or the
 * gold check ran, so it is recorded in `editedValue` but never changes the score.
 */
export const labels = pgTable(
  'labels',
  {
    id: text('id').primaryKey(),
    /** The app's id for the submission, so a retry is recognised. */
    clientId: text('client_id').notNull(),
    /** Bumped by each edit; a submission with a revision not above it is a retry. */
    revision: integer('revision').notNull().default(0),
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    campaignId: text('campaign_id').notNull(),
    labeler: text('labeler').notNull(),
    value: jsonb('value').notNull(),
    /** The labeler's latest edit, recorded but not scored; null until the label is edited. */
    editedValue: jsonb('edited_value'),
    durationMs: integer('duration_ms').notNull(),
    prelabelShown: boolean('prelabel_shown').notNull(),
    /** The task was blind-first. */
    blind: boolean('blind').notNull(),
    /** Whether the pre-label (if any) equals this label; measures pre-label acceptance. */
    matchesPrelabel: boolean('matches_prelabel'),
    /** For gold items: whether the answer was right. */
    goldCorrect: boolean('gold_correct'),
    /** Posterior probability that this label is correct, from the last aggregation. */
    posterior: real('posterior'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('labels_item_labeler_uq').on(t.itemId, t.labeler),
    uniqueIndex('labels_labeler_client_uq').on(t.labeler, t.clientId),
    index('labels_campaign_idx').on(t.campaignId, t.createdAt),
    index('labels_labeler_idx').on(t.labeler, t.campaignId, t.createdAt),
  ],
);

/** A labeler's standing in one campaign: gold record and whether they may label. */
export const labelerCampaigns = pgTable(
  'labeler_campaigns',
  {
    campaignId: text('campaign_id').notNull(),
    labeler: text('labeler').notNull(),
    /** Live gold record (first answers only): for the admin dashboard, never shown to the labeler. */
    goldAnswered: integer('gold_answered').notNull().default(0),
    goldCorrect: integer('gold_correct').notNull().default(0),
    /** The gold record as of the labeler's last report: what they see, and what pauses them. */
    reportedGoldAnswered: integer('reported_gold_answered').notNull().default(0),
    reportedGoldCorrect: integer('reported_gold_correct').notNull().default(0),
    /** New labels since the last report; a report is made when a batch is full. */
    unreportedLabels: integer('unreported_labels').notNull().default(0),
    reportedAt: timestamp('reported_at', { withTimezone: true, mode: 'date' }),
    /** Agreement, mean posterior and pending share as of the last report (what the labeler sees). */
    reportedStats: jsonb('reported_stats').$type<{
      agreement: number | null;
      meanPosterior: number | null;
      pendingShare: number;
    }>(),
    status: text('status', { enum: ['active', 'paused'] })
      .notNull()
      .default('active'),
    pausedReason: text('paused_reason'),
    /** Accuracy estimated by Dawid–Skene at the last aggregation. */
    estimatedAccuracy: real('estimated_accuracy'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.labeler] })],
);

/** A pre-label of an item: from a campaign model run by a device, or imported. */
export const prelabels = pgTable(
  'prelabels',
  {
    itemId: bigint('item_id', { mode: 'number' })
      .primaryKey()
      .references(() => items.id),
    campaignId: text('campaign_id').notNull(),
    value: jsonb('value').notNull(),
    confidence: real('confidence').notNull(),
    /** `{ kind, model, backend? }` as the protocol's `prelabelSourceSchema`. */
    source: jsonb('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('prelabels_campaign_idx').on(t.campaignId)],
);

/** The aggregated label of an item; a reviewer's resolution overrides the computed one. */
export const labelAggregates = pgTable(
  'label_aggregates',
  {
    itemId: bigint('item_id', { mode: 'number' })
      .primaryKey()
      .references(() => items.id),
    campaignId: text('campaign_id').notNull(),
    value: jsonb('value').notNull(),
    /** Posterior probability of the aggregate (Dawid–Skene) or vote share (majority). */
    confidence: real('confidence').notNull(),
    /** Mean pairwise agreement of the item's labels (span F1 for span tasks). */
    agreement: real('agreement'),
    method: text('method', {
      enum: ['dawid-skene', 'majority', 'spans', 'gold', 'review'],
    }).notNull(),
    labelsCount: integer('labels_count').notNull(),
    reviewedBy: text('reviewed_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('label_aggregates_campaign_idx').on(t.campaignId, t.confidence)],
);

/** The campaign-wide figures of the last aggregation. */
export const labelRuns = pgTable('label_runs', {
  campaignId: text('campaign_id').primaryKey(),
  /** Krippendorff's alpha over every item with two or more labels. */
  alpha: real('alpha'),
  labels: integer('labels').notNull(),
  items: integer('items').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Items imported from a file (not crawled): where they came from and the importer's own id. */
export const importedItems = pgTable(
  'imported_items',
  {
    itemId: bigint('item_id', { mode: 'number' })
      .primaryKey()
      .references(() => items.id),
    campaignId: text('campaign_id').notNull(),
    /** The import that brought the item in, and its line in the file (1-based). */
    importId: text('import_id').notNull(),
    line: integer('line').notNull(),
    /** The `id` the file gave the item, if any; unique within the campaign. */
    externalId: text('external_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('imported_items_external_uq').on(t.campaignId, t.externalId)],
);
