import { z } from 'zod';
import { rowAttributionSchema, validationEffectSchema } from './attribution/attribution-schemas.ts';
import { attributionRuleSchema } from './campaigns.ts';
import { addressSchema } from './primitives.ts';

/** A non-negative integer as a decimal string (shares and token amounts exceed 2^53). */
const uintString = z.string().regex(/^\d{1,80}$/);

/** What one payment token owes an account in one version, from the coordinator's chain index. */
export const tokenRevenueSchema = z
  .object({
    token: addressSchema,
    /** The token's symbol and decimals as the token contract states them (null when unreadable). */
    symbol: z.string().max(32).nullable(),
    decimals: z.number().int().min(0).max(36).nullable(),
    /** What the holder can claim now: its claimed shares' entitlement less what it was paid. */
    claimable: uintString,
    /** What the holder was paid so far (`RevenueClaimed`). */
    claimed: uintString,
    /** What becomes claimable once the holder claims its shares (0 once they are claimed). */
    afterShareClaim: uintString,
  })
  .strict();
export type TokenRevenue = z.output<typeof tokenRevenueSchema>;

/** Where a version stands on chain, as the coordinator's indexer saw it. */
export const versionChainStateSchema = z.enum(['not_published', 'timelock', 'active', 'revoked']);

/** An account's stake in one version: its shares (exact integers) and its revenue per token. */
export const versionStakeSchema = z.object({
  /** The account holding the shares (a device's payout wallet at the freeze, or the labeler). */
  account: addressSchema,
  /** Shares in the version's shares tree (0 when none). */
  shares: uintString,
  /** Shares claimed on chain (0 until claimed). */
  sharesClaimed: uintString,
  revenue: z.array(tokenRevenueSchema).max(32),
});
export type VersionStake = z.output<typeof versionStakeSchema>;

/** A version's share totals: what was minted, and the two parts of what was not. */
export const versionSharesSchema = z.object({
  /** Σ of the holders' shares: the contract's total, the denominator of every holder's revenue. */
  totalShares: uintString,
  /** The shares the rule mints before anything is left out. */
  minted: uintString,
  /** Value nobody earned (rows without labels or compute): not minted. */
  unallocated: uintString,
  /** Lost to rounding down each holder: not minted. */
  rounding: uintString,
});

/** Why a device's contributions to a campaign did or did not become rows of a version. */
export const contributionOutcomesSchema = z.object({
  /** Rows of the version (its accepted contributions that were selected). */
  rows: z.number().int().min(0),
  duplicate: z.number().int().min(0),
  belowQuality: z.number().int().min(0),
  failedVerification: z.number().int().min(0),
  /** Revoked when the device was quarantined. */
  revoked: z.number().int().min(0),
  fetchFailed: z.number().int().min(0),
  /** Accepted before the freeze but not selected. */
  notSelected: z.number().int().min(0),
  /** Arrived after the freeze (a later version may hold them). */
  afterFreeze: z.number().int().min(0),
});
export type ContributionOutcomes = z.output<typeof contributionOutcomesSchema>;

/** Validation rows listed per row at most (the largest effects; the counts say how many in all). */
export const EARNINGS_ROW_EFFECTS = 5;

/**
 * One of the device's rows in a version and why it earns what it earns: its status (valued,
 * near-copy, sent to review…), measured value and weight, and the validation rows it helped most.
 */
export const earningsRowSchema = rowAttributionSchema
  .pick({
    index: true,
    itemId: true,
    contentHash: true,
    status: true,
    value: true,
    raw: true,
    valuePpm: true,
    weightPpm: true,
    nearCopy: true,
  })
  .extend({
    helped: z.array(validationEffectSchema).max(EARNINGS_ROW_EFFECTS),
    /** Validation rows it helped in all. */
    helpedCount: z.number().int().min(0),
    /** Validation rows it hurt (its label disagreed with theirs) in all. */
    hurtCount: z.number().int().min(0),
  });
export type EarningsRow = z.output<typeof earningsRowSchema>;

/** Rows listed per version at most (the answer says how many the device has in all). */
export const EARNINGS_ROWS_MAX = 500;

/** The device's rows of a version, each with its value and why (device answers only). */
export const versionRowsSchema = z.object({
  rule: attributionRuleSchema,
  /** The device's rows in the version. */
  total: z.number().int().min(0),
  /** The first `EARNINGS_ROWS_MAX` of them, in row order. */
  rows: z.array(earningsRowSchema).max(EARNINGS_ROWS_MAX),
});
export type VersionRows = z.output<typeof versionRowsSchema>;

/** One frozen version in an earnings answer. */
export const versionEarningsSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  version: z.number().int().min(1),
  datasetId: z.string(),
  frozenAt: z.string(),
  chain: versionChainStateSchema,
  shares: versionSharesSchema,
  /** The device's contributions (device answers only). */
  contributions: contributionOutcomesSchema.optional(),
  /** The device's rows, each with its value and why (device answers only). */
  attribution: versionRowsSchema.optional(),
  /** Every account the device's rows paid (usually one: its payout wallet), or the labeler. */
  stakes: z.array(versionStakeSchema).max(16),
});
export type VersionEarnings = z.output<typeof versionEarningsSchema>;

/**
 * `GET /v1/devices/:address/earnings` (the device's own bearer token) and
 * `GET /v1/accounts/:address/earnings` (public): per frozen version, newest first.
 *
 * @example
 * const { versions } = await client.deviceEarnings(device);
 * for (const v of versions) console.log(v.campaignId, v.version, v.stakes[0]?.shares);
 */
export const earningsResponseSchema = z.object({
  address: addressSchema,
  /** The newest block the coordinator's chain index covers (null without a chain). */
  indexedThrough: z.number().int().nullable(),
  versions: z.array(versionEarningsSchema).max(200),
});
export type EarningsResponse = z.output<typeof earningsResponseSchema>;
