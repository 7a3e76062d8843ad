import {
  type AuditResponse,
  type ContributionAudit,
  type Receipt,
  receiptBatchTypedData,
} from '@plaza/protocol';
import { concat, type Hex, keccak256, stringToBytes } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { auditReceipts, auditRow, checkReceiptSignatures } from './audit-receipts.ts';
import type { ReceiptRecord } from './receipts-store.ts';

const key = privateKeyToAccount(generatePrivateKey());
const coordinator = key.address.toLowerCase() as `0x${string}`;
const trusted = { coordinator, chainId: 31337 };
const url = 'http://127.0.0.1:8787';

function receipt(n: number, outcome: Receipt['outcome'] = 'accepted'): Receipt {
  return {
    contributionId: `c${n}`,
    jobId: `j${n}`,
    contentHash: `0x${(n % 10).toString().repeat(64)}` as `0x${string}`,
    device: `0x${'ab'.repeat(20)}`,
    campaignId: 'news',
    outcome,
    issuedAt: 1_700_000_000,
    itemId: String(n),
    qualityScore: 0.8,
  };
}

/** Receipt records as the outbox stores them, under one coordinator signature. */
async function signedRecords(receipts: Receipt[], signer = key): Promise<ReceiptRecord[]> {
  const typed = receiptBatchTypedData({
    chainId: 31337,
    coordinator,
    receipts,
    issuedAt: 1_700_000_001,
  });
  const batch = {
    itemsHash: typed.message.itemsHash,
    count: receipts.length,
    issuedAt: 1_700_000_001,
    coordinator,
    signature: await signer.signTypedData(typed),
    jobIds: receipts.map((r) => r.jobId),
  };
  return receipts.map((r) => ({
    jobId: r.jobId,
    campaignId: r.campaignId,
    url: `http://news.example.com/${r.jobId}`,
    coordinatorUrl: url,
    outcome: r.outcome,
    receipt: r,
    receiptBatch: batch,
    storedAt: 1,
  }));
}

// A two-row version: row 0 is contribution c1.
const leaf0 = keccak256(stringToBytes('{"index":0}'));
const leaf1 = keccak256(stringToBytes('{"index":1}'));
const root = keccak256(leaf0 < leaf1 ? concat([leaf0, leaf1]) : concat([leaf1, leaf0]));
const included = (id: string, rowHash: Hex = leaf0, proof: Hex[] = [leaf1]): ContributionAudit => ({
  contributionId: id,
  status: 'included',
  rowIndex: 0,
  rowHash,
  proof,
});

describe('checkReceiptSignatures', () => {
  it('accepts receipts the coordinator signed, and fails a whole batch with one altered receipt', async () => {
    const good = await signedRecords([receipt(1), receipt(2)]);
    const altered = await signedRecords([receipt(3), receipt(4)]);
    altered[0] = { ...altered[0]!, receipt: { ...altered[0]!.receipt!, outcome: 'duplicate' } };
    const forged = await signedRecords([receipt(5)], privateKeyToAccount(generatePrivateKey()));
    const verdicts = checkReceiptSignatures([...good, ...altered, ...forged], trusted);
    expect(Object.fromEntries(verdicts)).toEqual({
      j1: true,
      j2: true,
      j3: false,
      j4: false,
      j5: false,
    });
    // Another coordinator's key, or a receipt of the batch missing from the store: not valid.
    expect(
      checkReceiptSignatures(good, { ...trusted, coordinator: `0x${'11'.repeat(20)}` }).get('j1'),
    ).toBe(false);
    expect(checkReceiptSignatures([good[0]!], trusted).get('j1')).toBe(false);
  });
});

describe('auditRow', () => {
  it('maps each answer to its status and reason, the device’s own checks first', async () => {
    const [record] = await signedRecords([receipt(1)]);
    const row = (answer: ContributionAudit | null, signatureValid = true) =>
      auditRow({ record: record!, signatureValid, answer, rowsRoot: root });

    expect(row(included('c1'))).toMatchObject({ status: 'included', proofValid: true });
    // A tampered row hash or proof: the coordinator says included, the device does not believe it.
    const tamperedHash = row(included('c1', keccak256(stringToBytes('{"index":9}'))));
    expect(tamperedHash).toMatchObject({ status: 'bad_proof', proofValid: false });
    expect(row(included('c1', leaf0, [leaf0]))).toMatchObject({ status: 'bad_proof' });
    expect(row(included('c1', leaf0, []))).toMatchObject({ status: 'bad_proof' });
    // An unsigned receipt proves nothing, whatever the answer.
    expect(row(included('c1'), false)).toMatchObject({ status: 'unsigned', proofValid: true });
    // An answer for another contribution is no answer.
    expect(row(included('c9'))).toMatchObject({ status: 'unknown' });

    expect(
      row({
        contributionId: 'c1',
        status: 'duplicate',
        kind: 'near_duplicate',
        similarity: 0.91,
        of: { contributionId: 'c0', rowIndex: 4 },
      }),
    ).toMatchObject({
      status: 'duplicate',
      detail: 'near duplicate (similarity 0.91) of contribution c0, row 4: the first copy earns',
    });
    expect(
      row({ contributionId: 'c1', status: 'below_quality', score: 0.213, floor: 0.5 }),
    ).toMatchObject({
      status: 'below_quality',
      detail: "quality 0.21 is under the campaign's floor 0.50",
    });
    expect(
      row({ contributionId: 'c1', status: 'failed_verification', similarity: 0.1, httpStatus: 200 })
        .detail,
    ).toContain('(similarity 0.10, HTTP 200)');
    expect(
      row({ contributionId: 'c1', status: 'revoked', reason: 'VERIFICATION_FAILED' }).detail,
    ).toContain('quarantined (VERIFICATION_FAILED)');
    expect(
      row({ contributionId: 'c1', status: 'not_in_version', reason: 'after_freeze' }).detail,
    ).toContain('after this version was frozen');

    const refused: ReceiptRecord = {
      jobId: 'j7',
      campaignId: 'news',
      url: 'http://x.example/',
      coordinatorUrl: url,
      outcome: 'rejected',
      error: { code: 'LEASE_EXPIRED', message: 'expired' },
      storedAt: 1,
    };
    expect(
      auditRow({ record: refused, signatureValid: false, answer: null, rowsRoot: root }),
    ).toMatchObject({
      status: 'no_receipt',
      contributionId: null,
      detail: 'the coordinator refused the item (LEASE_EXPIRED)',
    });
  });
});

describe('auditReceipts', () => {
  it('asks in chunks of 500, checks proofs against the manifest root, counts per status', async () => {
    const receipts = Array.from({ length: 501 }, (_, i) => receipt(i + 1));
    const records = await signedRecords(receipts);
    const { receipt: _none, ...refused } = records[0]!;
    records.push({ ...refused, jobId: 'other', campaignId: 'blogs', outcome: 'rejected' });
    const calls: number[] = [];
    const client = {
      getManifest: async () => ({
        format: 'plaza-dataset/1' as const,
        campaign: { id: 'news' },
        datasetId: '7',
        version: 1,
        createdAt: '2026-03-01T12:00:00.000Z',
        attribution: { qualityFloor: 0.5 },
        rows: { count: 2, root },
        shares: { root },
      }),
      auditContributions: async (
        _campaign: string,
        _version: number,
        body: { contributionIds: string[] },
      ): Promise<AuditResponse> => {
        calls.push(body.contributionIds.length);
        return {
          campaignId: 'news',
          version: 1,
          rowsRoot: root,
          qualityFloor: 0.5,
          frozenAt: '2026-03-01T12:00:00.000Z',
          results: body.contributionIds.map((id) =>
            id === 'c1'
              ? included(id)
              : id === 'c2'
                ? included(id, leaf1, [leaf1]) // a proof that leads elsewhere
                : { contributionId: id, status: 'below_quality', score: 0.2, floor: 0.5 },
          ),
        };
      },
    };
    const report = await auditReceipts({
      client,
      records,
      trusted,
      coordinatorUrl: url,
      campaignId: 'news',
      version: 1,
    });
    expect(calls).toEqual([500, 1]);
    expect(report.rows).toHaveLength(501);
    expect(report.counts).toMatchObject({
      included: 1,
      bad_proof: 1,
      below_quality: 499,
      unsigned: 0,
    });
    expect(report.rowsRoot).toBe(root);
  });
});
