import { secp256k1 } from '@noble/curves/secp256k1';
import { type Receipt, type ReceiptBatch, receiptBatchTypedData } from '@plaza/protocol';
import { hashTypedData, keccak256, parseSignature, toHex } from 'viem';

/**
 * Checks that a receipt batch covers these receipts and was signed by the coordinator it names,
 * as `verifyReceiptBatch` of `@plaza/protocol` does, but synchronously: viem's recovery loads the
 * curve with a dynamic `import()`, which an MV3 service worker refuses, so the curve is imported
 * statically here.
 *
 * @example
 * const ok = verifyReceiptBatchSync({ chainId: 31337, receipts, batch: response.receiptBatch });
 */
export function verifyReceiptBatchSync(params: {
  chainId: number;
  receipts: readonly Receipt[];
  batch: Pick<ReceiptBatch, 'coordinator' | 'signature' | 'issuedAt' | 'itemsHash' | 'count'>;
}): boolean {
  const typed = receiptBatchTypedData({
    chainId: params.chainId,
    coordinator: params.batch.coordinator,
    receipts: params.receipts,
    issuedAt: params.batch.issuedAt,
  });
  if (typed.message.itemsHash !== params.batch.itemsHash.toLowerCase()) return false;
  if (typed.message.count !== params.batch.count) return false;
  try {
    const { r, s, yParity } = parseSignature(params.batch.signature);
    const publicKey = new secp256k1.Signature(BigInt(r), BigInt(s))
      .addRecoveryBit(yParity ?? 0)
      .recoverPublicKey(hashTypedData(typed).slice(2))
      .toRawBytes(false);
    const signer = `0x${keccak256(toHex(publicKey.subarray(1))).slice(-40)}`;
    return signer === params.batch.coordinator.toLowerCase();
  } catch {
    return false;
  }
}
