import { campaigns, devices } from '@plaza/db';
import type { VerificationReport } from '@plaza/protocol';
import { eq, sql } from 'drizzle-orm';
import { readSpec } from '../campaigns/read-spec.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { describeQuarantine } from './describe-quarantine.ts';
import { verificationPolicy } from './verification-policy.ts';

/** Devices listed at most (lowest reputation first). */
const MAX_DEVICES = 200;
/** Failed checks listed at most (newest first). */
const MAX_FAILURES = 20;

type DeviceRow = typeof devices.$inferSelect;

/**
 * What the operator sees of a campaign's verification: checks by state and by why they were made,
 * heuristic flags raised, contributions by verification state (how many were revoked by
 * quarantines), the similarity histogram of finished checks, the latest failures, and every
 * contributing device with its reputation, record and quarantine reason.
 */
export async function verificationReport(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  campaignId: string,
): Promise<VerificationReport> {
  const [campaign] = await deps.db.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw new NotFoundError('CAMPAIGN_NOT_FOUND', `No campaign "${campaignId}".`);
  const spec = readSpec(campaign);
  const count = (rows: { key: string; n: number }[]) =>
    Object.fromEntries(rows.map((r) => [r.key, r.n]));
  const [states, reasons, flags, contributions, bins, failures, deviceRows] = await Promise.all([
    deps.db.rows<{ key: string; n: number }>(
      sql`select state as key, count(*)::int as n from verification_checks
          where campaign_id = ${campaignId} group by state`,
    ),
    deps.db.rows<{ key: string; n: number }>(
      sql`select reason as key, count(*)::int as n from verification_checks
          where campaign_id = ${campaignId} group by reason`,
    ),
    deps.db.rows<{ key: string; n: number }>(
      sql`select f as key, count(*)::int as n
          from verification_checks, jsonb_array_elements_text(flags) as f
          where campaign_id = ${campaignId} group by f`,
    ),
    deps.db.rows<{ key: string; n: number }>(
      sql`select verification as key, count(*)::int as n from contributions
          where campaign_id = ${campaignId} group by verification`,
    ),
    deps.db.rows<{ bin: number; n: number }>(
      sql`select least(floor(similarity * 10), 9)::int as bin, count(*)::int as n
          from verification_checks
          where campaign_id = ${campaignId} and similarity is not null group by 1`,
    ),
    deps.db.rows<{
      contribution_id: string;
      device_address: string;
      url: string;
      similarity: number | null;
      reason: 'sample' | 'reputation' | 'flagged';
      checked_at: Date | string;
    }>(
      sql`select contribution_id, device_address, url, similarity, reason, checked_at
          from verification_checks
          where campaign_id = ${campaignId} and state = 'failed'
          order by checked_at desc, contribution_id limit ${MAX_FAILURES}`,
    ),
    deps.db.rows<{ address: string; contributions: number }>(
      sql`select device_address as address, count(*)::int as contributions from contributions
          where campaign_id = ${campaignId} group by device_address`,
    ),
  ]);
  const contributed = new Map(deviceRows.map((r) => [r.address, r.contributions]));
  const deviceList: DeviceRow[] =
    contributed.size === 0
      ? []
      : await deps.db.db
          .select()
          .from(devices)
          .where(
            sql`${devices.address} in (select jsonb_array_elements_text(${JSON.stringify([...contributed.keys()])}::jsonb))`,
          )
          .orderBy(devices.reputation, devices.address)
          .limit(MAX_DEVICES);
  const histogram = Array.from({ length: 10 }, () => 0);
  for (const row of bins) histogram[Math.max(0, Math.min(9, row.bin))]! += row.n;
  const policy = verificationPolicy(deps.config);
  return {
    campaignId,
    generatedAt: deps.clock.now().toISOString(),
    verifyRate: spec.verifyRate,
    policy,
    checks: count(states),
    byReason: count(reasons),
    flags: count(flags),
    contributions: count(contributions),
    similarityHistogram: histogram,
    recentFailures: failures.map((f) => ({
      contributionId: f.contribution_id,
      device: f.device_address as `0x${string}`,
      url: f.url,
      similarity: f.similarity,
      reason: f.reason,
      checkedAt: new Date(f.checked_at).toISOString(),
    })),
    devices: deviceList.map((d) => ({
      address: d.address as `0x${string}`,
      kind: d.kind,
      status: d.status,
      reputation: d.reputation,
      confirmedChecks: d.confirmedChecks,
      failedChecks: d.failedChecks,
      contributions: contributed.get(d.address) ?? 0,
      quarantine: describeQuarantine(d),
    })),
  };
}
