import {
  attributionResponseSchema,
  rowValueProofSchema,
} from '../attribution/attribution-schemas.ts';
import {
  type AuditRequest,
  auditResponseSchema,
  datasetVersionsResponseSchema,
  manifestSummarySchema,
} from '../datasets.ts';
import { routes } from '../routes.ts';
import type { Call } from './call.ts';
import { query } from './query.ts';

/** Frozen dataset versions (public): versions, manifests, audits, attribution, proofs. */
export function datasetMethods(call: Call) {
  return {
    /** A campaign's frozen dataset versions, newest first (public). */
    listDatasetVersions: (campaignId: string) =>
      call(datasetVersionsResponseSchema, 'GET', routes.datasetVersions(campaignId)),
    /** The manifest of a frozen version, checked for the fields a receipt audit uses (public). */
    getManifest: (campaignId: string, version: number) =>
      call(manifestSummarySchema, 'GET', routes.datasetManifest(campaignId, version)),
    /**
     * Where each contribution stands in a frozen version (public; at most
     * `auditLimits.maxContributionIds` ids): included with a row proof, duplicate, below quality …
     *
     * @example
     * const { results } = await client.auditContributions('news', 1, { contributionIds: [id] });
     */
    auditContributions: (campaignId: string, version: number, body: AuditRequest) =>
      call(auditResponseSchema, 'POST', routes.datasetAudit(campaignId, version), body),
    /**
     * Each row's value in a version and why (public, no row content): rule v2's measured value,
     * the validation rows it helped or hurt, near-copies zeroed, rows sent to review; with
     * `account`, only the rows that account fetched, labelled or computed, with its shares of each.
     *
     * @example
     * const { rows } = await client.datasetAttribution('news', 1, { account: '0xabc…' });
     * for (const row of rows) console.log(row.index, row.status, row.valuePpm / 1e4, '%');
     */
    datasetAttribution: (
      campaignId: string,
      version: number,
      params: { account?: string; offset?: number; limit?: number } = {},
    ) =>
      call(
        attributionResponseSchema,
        'GET',
        `${routes.datasetAttribution(campaignId, version)}?${query(params)}`,
      ),
    /**
     * One row's value with its Merkle proofs, to check alone with `verifyRowValue` (public).
     *
     * @example
     * const check = verifyRowValue(await client.rowValueProof('news', 1, 42));
     */
    rowValueProof: (campaignId: string, version: number, index: number) =>
      call(rowValueProofSchema, 'GET', routes.datasetRowValueProof(campaignId, version, index)),
  };
}
