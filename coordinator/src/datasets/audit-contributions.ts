import { type AuditResponse, auditLimits, type ContributionAudit } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { ValidationError } from '../errors.ts';
import { pgArray } from '../ingest/find-candidates.ts';
import {
  CONTRIBUTION_FACTS_COLUMNS,
  CONTRIBUTION_FACTS_JOINS,
  type ContributionFacts,
  type ContributionFactsRow,
  toContributionFacts,
} from './contribution-facts.ts';
import { loadVersionIndex } from './load-version-index.ts';

/**
 * Why a contribution that is not a row of a version is not one, from what the database knows of
 * it. In order: arrived after the freeze; fabricated (failed verification) or revoked by its
 * device's quarantine; a failed fetch; a duplicate (pointing at the first copy and its row);
 * under the quality floor; otherwise not selected.
 */
export function auditStatus(
  facts: ContributionFacts | undefined,
  version: {
    campaignId: string;
    frozenAt: Date;
    qualityFloor: number;
    rowOf: (contributionId: string) => number | undefined;
  },
  id: string,
): ContributionAudit {
  if (!facts || facts.campaignId !== version.campaignId) {
    return { contributionId: id, status: 'unknown' };
  }
  if (facts.createdAt > version.frozenAt) {
    return { contributionId: id, status: 'not_in_version', reason: 'after_freeze' };
  }
  if (facts.verification === 'failed') {
    return {
      contributionId: id,
      status: 'failed_verification',
      similarity: facts.checkSimilarity,
      httpStatus: facts.checkHttpStatus,
    };
  }
  if (facts.verification === 'revoked') {
    return { contributionId: id, status: 'revoked', reason: facts.deviceQuarantineReason };
  }
  if (facts.outcome === 'fetch_failed') {
    return { contributionId: id, status: 'fetch_failed', reason: facts.reason };
  }
  if (facts.outcome === 'duplicate' || facts.outcome === 'near_duplicate') {
    const first = facts.itemContribution;
    return {
      contributionId: id,
      status: 'duplicate',
      kind: facts.outcome,
      similarity: facts.similarity,
      of: {
        contributionId: first,
        rowIndex: first === null ? null : (version.rowOf(first) ?? null),
      },
    };
  }
  if (facts.itemQuality !== null && facts.itemQuality < version.qualityFloor) {
    return {
      contributionId: id,
      status: 'below_quality',
      score: facts.itemQuality,
      floor: version.qualityFloor,
    };
  }
  return { contributionId: id, status: 'not_in_version', reason: 'not_selected' };
}

/**
 * Accounts for contributions in a frozen version: `included` ones with their row index, row hash
 * and Merkle proof against the manifest's rows root (from the export), the others with why not
 * (from the database, see {@link auditStatus}). One result per id, in order.
 */
export async function auditContributions(
  deps: Pick<Deps, 'db'>,
  params: { exportsDir: string; campaignId: string; version: number; contributionIds: string[] },
): Promise<AuditResponse> {
  if (params.contributionIds.length > auditLimits.maxContributionIds) {
    throw new ValidationError(
      `At most ${auditLimits.maxContributionIds} contribution ids per audit, got ${params.contributionIds.length}.`,
    );
  }
  const { manifest, tree, rowByContribution } = await loadVersionIndex(params.exportsDir, params);
  const missing = [...new Set(params.contributionIds.filter((id) => !rowByContribution.has(id)))];
  const facts = new Map<string, ContributionFacts>();
  if (missing.length > 0) {
    const rows = await deps.db.rows<
      ContributionFactsRow & { check_similarity: number | null; check_http_status: number | null }
    >(
      sql`select ${CONTRIBUTION_FACTS_COLUMNS},
            v.similarity as check_similarity, v.http_status as check_http_status
          from contributions c
          ${CONTRIBUTION_FACTS_JOINS}
          left join verification_checks v on v.contribution_id = c.id
          where c.id = any(${pgArray(missing)}::text[])`,
    );
    for (const row of rows) {
      facts.set(row.id, toContributionFacts(row, row.check_similarity, row.check_http_status));
    }
  }
  const version = {
    campaignId: params.campaignId,
    frozenAt: new Date(manifest.createdAt),
    qualityFloor: manifest.attribution.qualityFloor,
    rowOf: (id: string) => rowByContribution.get(id),
  };
  return {
    campaignId: params.campaignId,
    version: params.version,
    rowsRoot: manifest.rows.root as `0x${string}`,
    qualityFloor: manifest.attribution.qualityFloor,
    frozenAt: manifest.createdAt,
    results: params.contributionIds.map((id) => {
      const rowIndex = rowByContribution.get(id);
      if (rowIndex === undefined) return auditStatus(facts.get(id), version, id);
      return {
        contributionId: id,
        status: 'included',
        rowIndex,
        rowHash: tree.leaf(rowIndex),
        proof: tree.proof(rowIndex),
      };
    }),
  };
}
