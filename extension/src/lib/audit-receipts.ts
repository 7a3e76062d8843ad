import {
  auditLimits,
  auditStatuses,
  type ContributionAudit,
  type CoordinatorClient,
  verifyReceiptBatch,
} from '@plaza/protocol';
import type { ReceiptRecord } from './receipts-store.ts';
import { verifyRowProof } from './verify-row-proof.ts';

/**
 * What the audit view shows for a receipt: the coordinator's status, or one of the device's own
 * findings, which take precedence: `unsigned` (the receipt's signature is not the coordinator's,
 * so it proves nothing), `bad_proof` (said to be included, but the proof does not lead to the
 * manifest's rows root), `no_receipt` (the coordinator refused the item; there is nothing to find).
 */
export const auditViewStatuses = [...auditStatuses, 'unsigned', 'bad_proof', 'no_receipt'] as const;
export type AuditViewStatus = (typeof auditViewStatuses)[number];

/** One receipt in the audit. */
export interface AuditRow {
  jobId: string;
  url: string;
  contributionId: string | null;
  /** What the receipt said when it was issued. */
  outcome: ReceiptRecord['outcome'];
  status: AuditViewStatus;
  /** Why, in words. */
  detail: string;
  /** Whether the coordinator's signature over the receipt checks out. */
  signatureValid: boolean;
  /** For `included` answers: whether the proof leads to the manifest's rows root. */
  proofValid: boolean | null;
  /** The coordinator's answer, as it came. */
  answer: ContributionAudit | null;
}

/** The audit of a campaign's receipts against one version. */
export interface AuditReport {
  coordinatorUrl: string;
  campaignId: string;
  version: number;
  /** The rows root of the version's manifest, which every proof is checked against. */
  rowsRoot: string;
  /** Rows root and freeze time the audit answer named (they must match the manifest). */
  answerRowsRoot: string;
  frozenAt: string;
  checkedAt: string;
  counts: Record<AuditViewStatus, number>;
  rows: AuditRow[];
}

/** The coordinator a receipt must be signed by: its signing address and chain. */
export interface TrustedCoordinator {
  coordinator: string;
  chainId: number;
}

/**
 * Which stored receipts carry a valid coordinator signature, by job id. A signature covers every
 * receipt of one answer in order (`receiptBatch.jobIds`), so each batch is rebuilt from the stored
 * records and checked once; a batch with a receipt missing or altered fails as a whole.
 */
export function checkReceiptSignatures(
  records: readonly ReceiptRecord[],
  trusted: TrustedCoordinator,
): Map<string, boolean> {
  const byJob = new Map(records.map((r) => [r.jobId, r]));
  const verdicts = new Map<string, boolean>();
  const checked = new Map<string, boolean>();
  for (const record of records) {
    const batch = record.receiptBatch;
    if (!record.receipt || !batch) {
      verdicts.set(record.jobId, false);
      continue;
    }
    const key = `${batch.signature}:${batch.jobIds.join(',')}`;
    let valid = checked.get(key);
    if (valid === undefined) {
      const receipts = batch.jobIds.map((jobId) => byJob.get(jobId)?.receipt);
      valid =
        batch.coordinator.toLowerCase() === trusted.coordinator.toLowerCase() &&
        receipts.every((r) => r !== undefined) &&
        verifyReceiptBatch({
          chainId: trusted.chainId,
          receipts: receipts as NonNullable<(typeof receipts)[number]>[],
          batch,
        });
      checked.set(key, valid);
    }
    verdicts.set(record.jobId, valid && batch.jobIds.includes(record.jobId));
  }
  return verdicts;
}

const short = (hash: string) => `${hash.slice(0, 10)}…`;
const score = (value: number) => value.toFixed(2);

/** The reason shown for a coordinator answer. */
export function describeAnswer(answer: ContributionAudit): string {
  switch (answer.status) {
    case 'included':
      return `row ${answer.rowIndex}; its proof leads to the rows root`;
    case 'duplicate': {
      const what =
        answer.kind === 'near_duplicate'
          ? `near duplicate${answer.similarity === null ? '' : ` (similarity ${score(answer.similarity)})`}`
          : 'exact duplicate';
      const of = answer.of.contributionId ?? 'an earlier page';
      const row = answer.of.rowIndex === null ? '' : `, row ${answer.of.rowIndex}`;
      return `${what} of contribution ${of}${row}: the first copy earns`;
    }
    case 'below_quality':
      return `quality ${score(answer.score)} is under the campaign's floor ${score(answer.floor)}`;
    case 'failed_verification': {
      const facts = [
        answer.similarity === null ? null : `similarity ${score(answer.similarity)}`,
        answer.httpStatus === null ? null : `HTTP ${answer.httpStatus}`,
      ].filter((f) => f !== null);
      return `the coordinator re-fetched the page and it did not match${facts.length ? ` (${facts.join(', ')})` : ''}`;
    }
    case 'revoked':
      return `this device was quarantined${answer.reason ? ` (${answer.reason})` : ''} before the page was confirmed`;
    case 'fetch_failed':
      return `the fetch failed${answer.reason ? ` (${answer.reason})` : ''}`;
    case 'not_in_version':
      return answer.reason === 'after_freeze'
        ? 'arrived after this version was frozen: look in a later version'
        : 'not selected for this version';
    case 'unknown':
      return 'the coordinator has no contribution with this id in this campaign';
  }
}

/**
 * One receipt's row of the audit: the device's own checks first (its receipt's signature, the
 * proof of an included row against the manifest's rows root), then the coordinator's answer.
 */
export function auditRow(params: {
  record: ReceiptRecord;
  signatureValid: boolean;
  answer: ContributionAudit | null;
  rowsRoot: string;
}): AuditRow {
  const { record, answer } = params;
  const base = {
    jobId: record.jobId,
    url: record.url,
    contributionId: record.receipt?.contributionId ?? null,
    outcome: record.outcome,
    signatureValid: params.signatureValid,
    answer,
  };
  if (!record.receipt) {
    const code = record.error?.code;
    return {
      ...base,
      status: 'no_receipt',
      detail: `the coordinator refused the item${code ? ` (${code})` : ''}`,
      proofValid: null,
    };
  }
  const proofValid =
    answer?.status === 'included'
      ? verifyRowProof({ rowHash: answer.rowHash, proof: answer.proof, root: params.rowsRoot })
      : null;
  if (!params.signatureValid) {
    return {
      ...base,
      status: 'unsigned',
      detail: "the receipt's signature is not the coordinator's: it proves nothing",
      proofValid,
    };
  }
  if (!answer || answer.contributionId !== record.receipt.contributionId) {
    return {
      ...base,
      status: 'unknown',
      detail: 'the coordinator did not answer for this contribution',
      proofValid,
    };
  }
  if (proofValid === false && answer.status === 'included') {
    return {
      ...base,
      status: 'bad_proof',
      detail: `said to be row ${answer.rowIndex}, but its proof does not lead to the manifest's rows root ${short(params.rowsRoot)}`,
      proofValid,
    };
  }
  return { ...base, status: answer.status, detail: describeAnswer(answer), proofValid };
}

/** Counts of the rows by status (every status present, zero when none). */
export function countAudit(rows: readonly AuditRow[]): Record<AuditViewStatus, number> {
  const counts = Object.fromEntries(auditViewStatuses.map((s) => [s, 0])) as Record<
    AuditViewStatus,
    number
  >;
  for (const row of rows) counts[row.status]++;
  return counts;
}

/**
 * Audits the receipts this device holds for a campaign against a frozen version: checks each
 * receipt's coordinator signature, fetches the version's manifest, asks the coordinator where each
 * contribution stands (in requests of at most `auditLimits.maxContributionIds`), and checks every
 * `included` proof against the manifest's rows root locally.
 *
 * @example
 * const report = await auditReceipts({ client, records, trusted, coordinatorUrl, campaignId: 'news', version: 1 });
 */
export async function auditReceipts(params: {
  client: Pick<CoordinatorClient, 'getManifest' | 'auditContributions'>;
  /** Every stored receipt (a signature may cover receipts of other campaigns). */
  records: readonly ReceiptRecord[];
  trusted: TrustedCoordinator;
  coordinatorUrl: string;
  campaignId: string;
  version: number;
  now?: () => number;
}): Promise<AuditReport> {
  const ours = params.records.filter(
    (r) => r.coordinatorUrl === params.coordinatorUrl && r.campaignId === params.campaignId,
  );
  const signatures = checkReceiptSignatures(
    params.records.filter((r) => r.coordinatorUrl === params.coordinatorUrl),
    params.trusted,
  );
  const manifest = await params.client.getManifest(params.campaignId, params.version);
  const ids = [...new Set(ours.flatMap((r) => (r.receipt ? [r.receipt.contributionId] : [])))];
  const answers = new Map<string, ContributionAudit>();
  let answerRowsRoot: string = manifest.rows.root;
  let frozenAt = manifest.createdAt;
  for (let start = 0; start < ids.length; start += auditLimits.maxContributionIds) {
    const chunk = ids.slice(start, start + auditLimits.maxContributionIds);
    const answer = await params.client.auditContributions(params.campaignId, params.version, {
      contributionIds: chunk,
    });
    answerRowsRoot = answer.rowsRoot;
    frozenAt = answer.frozenAt;
    for (const [i, result] of answer.results.entries()) {
      if (result.contributionId === chunk[i]) answers.set(result.contributionId, result);
    }
  }
  const rows = ours.map((record) =>
    auditRow({
      record,
      signatureValid: signatures.get(record.jobId) ?? false,
      answer: record.receipt ? (answers.get(record.receipt.contributionId) ?? null) : null,
      rowsRoot: manifest.rows.root,
    }),
  );
  return {
    coordinatorUrl: params.coordinatorUrl,
    campaignId: params.campaignId,
    version: params.version,
    rowsRoot: manifest.rows.root,
    answerRowsRoot,
    frozenAt,
    checkedAt: new Date((params.now ?? Date.now)()).toISOString(),
    counts: countAudit(rows),
    rows,
  };
}
