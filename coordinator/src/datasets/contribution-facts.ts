import { sql } from 'drizzle-orm';

/** What the database knows of a contribution (for one that is not a row of a version). */
export interface ContributionFacts {
  id: string;
  campaignId: string;
  outcome: 'accepted' | 'low_quality' | 'duplicate' | 'near_duplicate' | 'fetch_failed';
  reason: string | null;
  similarity: number | null;
  verification: string;
  createdAt: Date;
  /** The item it became or joined: its quality score and its first contribution. */
  itemQuality: number | null;
  itemContribution: string | null;
  deviceQuarantineReason: string | null;
  checkSimilarity: number | null;
  checkHttpStatus: number | null;
}

/** The columns {@link CONTRIBUTION_FACTS_COLUMNS} select. */
export type ContributionFactsRow = {
  id: string;
  campaign_id: string;
  outcome: ContributionFacts['outcome'];
  reason: string | null;
  similarity: number | null;
  verification: string;
  created_at: Date | string;
  item_quality: number | null;
  item_contribution: string | null;
  quarantine_reason: string | null;
};

/** The select list of a contribution's facts, over `contributions c` with the joins below. */
export const CONTRIBUTION_FACTS_COLUMNS = sql`c.id, c.campaign_id, c.outcome, c.reason, c.similarity, c.verification,
            c.created_at, i.quality_score as item_quality, i.contribution_id as item_contribution,
            case when d.status = 'quarantined' then d.quarantine_reason end as quarantine_reason`;

/** The item it became or joined, and its device (for a quarantine). */
export const CONTRIBUTION_FACTS_JOINS = sql`left join items i on i.id = c.item_id
          left join devices d on d.address = c.device_address`;

/** A row of those columns as facts, with the verification check where one was read. */
export function toContributionFacts(
  row: ContributionFactsRow,
  checkSimilarity: number | null = null,
  checkHttpStatus: number | null = null,
): ContributionFacts {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    outcome: row.outcome,
    reason: row.reason,
    similarity: row.similarity,
    verification: row.verification,
    createdAt: new Date(row.created_at),
    itemQuality: row.item_quality,
    itemContribution: row.item_contribution,
    deviceQuarantineReason: row.quarantine_reason,
    checkSimilarity,
    checkHttpStatus,
  };
}
