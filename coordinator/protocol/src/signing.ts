import { secp256k1 } from '@noble/curves/secp256k1';
import {
  concat,
  hashStruct,
  hashTypedData,
  keccak256,
  parseSignature,
  stringToBytes,
  toHex,
} from 'viem';
import type { ParsedContributionItem, Receipt } from './contributions.ts';
import {
  contributionBatchTypes,
  contributionTypes,
  plazaDomain,
  receiptBatchTypes,
  receiptTypes,
} from './eip712.ts';

type Hex = `0x${string}`;

/** The fields of a contribution that its device signs. */
export type SignedContributionFields = Pick<
  ParsedContributionItem,
  | 'jobId'
  | 'url'
  | 'finalUrl'
  | 'httpStatus'
  | 'bodyHash'
  | 'textHash'
  | 'linksHash'
  | 'fetchedAt'
  | 'title'
>;

/** keccak256 of UTF-8 text, as `textHash` commits to it. */
export function hashText(text: string): Hex {
  return keccak256(stringToBytes(text));
}

/** keccak256 of the links joined by newlines, as `linksHash` commits to them. */
export function hashLinks(links: readonly string[]): Hex {
  return keccak256(stringToBytes(links.join('\n')));
}

/** EIP-712 struct hash of one `Contribution`. */
export function hashContribution(item: SignedContributionFields): Hex {
  return hashStruct({
    types: contributionTypes,
    primaryType: 'Contribution',
    data: { ...item, fetchedAt: BigInt(item.fetchedAt) },
  });
}

/** EIP-712 struct hash of one `Receipt`. */
export function hashReceipt(receipt: Receipt): Hex {
  return hashStruct({
    types: receiptTypes,
    primaryType: 'Receipt',
    data: {
      contributionId: receipt.contributionId,
      jobId: receipt.jobId,
      contentHash: receipt.contentHash,
      device: receipt.device,
      campaignId: receipt.campaignId,
      outcome: receipt.outcome,
      issuedAt: BigInt(receipt.issuedAt),
    },
  });
}

/** keccak256 over struct hashes in order: what a batch signature covers. */
export function hashItems(structHashes: readonly Hex[]): Hex {
  return keccak256(structHashes.length === 0 ? '0x' : concat(structHashes));
}

/** Typed data a device signs for a batch of contributions. */
export function contributionBatchTypedData(params: {
  chainId: number;
  coordinator: Hex;
  device: Hex;
  items: readonly SignedContributionFields[];
}) {
  return {
    domain: plazaDomain(params),
    types: contributionBatchTypes,
    primaryType: 'ContributionBatch',
    message: {
      device: params.device,
      itemsHash: hashItems(params.items.map(hashContribution)),
      count: params.items.length,
    },
  } as const;
}

/** Typed data the coordinator signs over the receipts of one answer. */
export function receiptBatchTypedData(params: {
  chainId: number;
  coordinator: Hex;
  receipts: readonly Receipt[];
  issuedAt: number;
}) {
  return {
    domain: plazaDomain(params),
    types: receiptBatchTypes,
    primaryType: 'ReceiptBatch',
    message: {
      itemsHash: hashItems(params.receipts.map(hashReceipt)),
      count: params.receipts.length,
      issuedAt: BigInt(params.issuedAt),
    },
  } as const;
}

/**
 * Checks that a receipt batch was signed by the coordinator it names and covers these receipts.
 * Synchronous, with the curve imported statically: viem's `recoverTypedDataAddress` loads it with
 * a dynamic `import()`, which an MV3 service worker (the extension's outbox) refuses.
 *
 * @example
 * const ok = verifyReceiptBatch({ chainId: 31337, receipts, batch: response.receiptBatch });
 */
export function verifyReceiptBatch(params: {
  chainId: number;
  receipts: readonly Receipt[];
  batch: { coordinator: Hex; signature: Hex; issuedAt: number; itemsHash: Hex; count: number };
}): boolean {
  const typed = receiptBatchTypedData({
    chainId: params.chainId,
    coordinator: params.batch.coordinator,
    receipts: params.receipts,
    issuedAt: params.batch.issuedAt,
  });
  if (typed.message.itemsHash !== params.batch.itemsHash.toLowerCase()) return false;
  if (typed.message.count !== params.batch.count) return false;
  const signer = recoverSignerSync(hashTypedData(typed), params.batch.signature);
  return signer !== null && signer === params.batch.coordinator.toLowerCase();
}

/** The lower-case address that signed `digest`, or null when the signature does not parse. */
function recoverSignerSync(digest: Hex, signature: Hex): string | null {
  try {
    const { r, s, yParity } = parseSignature(signature);
    const publicKey = new secp256k1.Signature(BigInt(r), BigInt(s))
      .addRecoveryBit(yParity ?? 0)
      .recoverPublicKey(digest.slice(2))
      .toRawBytes(false);
    return `0x${keccak256(toHex(publicKey.subarray(1))).slice(-40)}`;
  } catch {
    return null;
  }
}
