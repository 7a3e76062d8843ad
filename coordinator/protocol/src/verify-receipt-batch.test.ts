import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import type { Receipt } from './contributions.ts';
import { receiptBatchTypedData, verifyReceiptBatch } from './signing.ts';

const signer = privateKeyToAccount(generatePrivateKey());
const coordinator = signer.address.toLowerCase() as `0x${string}`;
const receipts: Receipt[] = [1, 2].map((n) => ({
  contributionId: `c${n}`,
  jobId: `j${n}`,
  contentHash: `0x${String(n).repeat(64)}` as `0x${string}`,
  device: coordinator,
  campaignId: 'news',
  outcome: 'accepted',
  issuedAt: 1_700_000_000,
  itemId: String(n),
  qualityScore: 0.8,
}));

async function batchSignedBy(account: typeof signer) {
  const typed = receiptBatchTypedData({
    chainId: 31337,
    coordinator,
    receipts,
    issuedAt: 1_700_000_001,
  });
  return {
    itemsHash: typed.message.itemsHash,
    count: receipts.length,
    issuedAt: 1_700_000_001,
    coordinator,
    signature: await account.signTypedData(typed),
  };
}

describe('verifyReceiptBatch', () => {
  it('accepts the coordinator’s signature and refuses another key’s, synchronously', async () => {
    const good = await batchSignedBy(signer);
    const forged = await batchSignedBy(privateKeyToAccount(generatePrivateKey()));
    expect(verifyReceiptBatch({ chainId: 31337, receipts, batch: good })).toBe(true);
    expect(verifyReceiptBatch({ chainId: 31337, receipts, batch: forged })).toBe(false);
  });

  it('refuses receipts the batch does not cover, another chain, a bad signature', async () => {
    const good = await batchSignedBy(signer);
    const altered = receipts.map((r, i) => (i === 0 ? { ...r, outcome: 'duplicate' as const } : r));
    expect(verifyReceiptBatch({ chainId: 31337, receipts: altered, batch: good })).toBe(false);
    expect(verifyReceiptBatch({ chainId: 1, receipts, batch: good })).toBe(false);
    expect(
      verifyReceiptBatch({ chainId: 31337, receipts, batch: { ...good, signature: '0x1234' } }),
    ).toBe(false);
  });
});
