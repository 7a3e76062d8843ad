import { type Receipt, receiptBatchTypedData, verifyReceiptBatch } from '@plaza/protocol';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { verifyReceiptBatchSync } from './verify-receipt-batch.ts';

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

describe('verifyReceiptBatchSync', () => {
  it('agrees with the protocol’s verifyReceiptBatch', async () => {
    const good = await batchSignedBy(signer);
    const forged = await batchSignedBy(privateKeyToAccount(generatePrivateKey()));
    for (const batch of [good, forged]) {
      expect(verifyReceiptBatchSync({ chainId: 31337, receipts, batch })).toBe(
        await verifyReceiptBatch({ chainId: 31337, receipts, batch }),
      );
    }
    expect(verifyReceiptBatchSync({ chainId: 31337, receipts, batch: good })).toBe(true);
    expect(verifyReceiptBatchSync({ chainId: 31337, receipts, batch: forged })).toBe(false);
  });

  it('refuses receipts the batch does not cover, another chain, a bad signature', async () => {
    const good = await batchSignedBy(signer);
    const altered = receipts.map((r, i) => (i === 0 ? { ...r, outcome: 'duplicate' as const } : r));
    expect(verifyReceiptBatchSync({ chainId: 31337, receipts: altered, batch: good })).toBe(false);
    expect(verifyReceiptBatchSync({ chainId: 1, receipts, batch: good })).toBe(false);
    expect(
      verifyReceiptBatchSync({ chainId: 31337, receipts, batch: { ...good, signature: '0x1234' } }),
    ).toBe(false);
  });
});
