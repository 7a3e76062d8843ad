/**
 * EIP-712 typed-data definitions shared by the extension, the web app and the coordinator.
 *
 * The domain binds every signature to one chain and one coordinator: `verifyingContract` carries the
 * coordinator's receipt-signing address (it is not a contract; EIP-712 only asks for an address),
 * so a signature made for one coordinator or chain is worthless at another.
 */

/** Builds the EIP-712 domain of a coordinator. */
export function plazaDomain(params: { chainId: number; coordinator: `0x${string}` }) {
  return {
    name: 'Plaza',
    version: '1',
    chainId: params.chainId,
    verifyingContract: params.coordinator,
  } as const;
}

/** A device proves it holds its key. `issuedAt` (unix seconds) must be recent. */
export const deviceRegistrationTypes = {
  DeviceRegistration: [
    { name: 'device', type: 'address' },
    { name: 'issuedAt', type: 'uint64' },
  ],
} as const;

/**
 * A device and a payout wallet agree that the device's shares go to `payout`. Both sign this same
 * struct: the device key (it gives its pay away) and the payout wallet (it takes the pay). `nonce`
 * is exactly one above the device's last accepted payout nonce (`Device.payoutNonce`), so a link
 * can neither be replayed nor used to jump the counter; `issuedAt` (unix seconds) must be recent.
 */
export const payoutLinkTypes = {
  PayoutLink: [
    { name: 'device', type: 'address' },
    { name: 'payout', type: 'address' },
    { name: 'nonce', type: 'uint64' },
    { name: 'issuedAt', type: 'uint64' },
  ],
} as const;

/**
 * The device alone revokes its payout link: its shares go to the device address again. Same
 * nonce rule as {@link payoutLinkTypes} (links and unlinks share one counter).
 */
export const payoutUnlinkTypes = {
  PayoutUnlink: [
    { name: 'device', type: 'address' },
    { name: 'nonce', type: 'uint64' },
    { name: 'issuedAt', type: 'uint64' },
  ],
} as const;

/**
 * One fetched page. Its struct hash is a leaf of a {@link contributionBatchTypes} batch; the device
 * signs the batch once, so signing and verification cost one signature per batch, not per page.
 */
export const contributionTypes = {
  Contribution: [
    { name: 'jobId', type: 'string' },
    { name: 'url', type: 'string' },
    { name: 'finalUrl', type: 'string' },
    { name: 'httpStatus', type: 'uint16' },
    { name: 'bodyHash', type: 'bytes32' },
    { name: 'textHash', type: 'bytes32' },
    { name: 'linksHash', type: 'bytes32' },
    { name: 'fetchedAt', type: 'uint64' },
  ],
} as const;

/** What a device signs: the keccak256 of its contributions' struct hashes, in order. */
export const contributionBatchTypes = {
  ContributionBatch: [
    { name: 'device', type: 'address' },
    { name: 'itemsHash', type: 'bytes32' },
    { name: 'count', type: 'uint32' },
  ],
} as const;

/** What the coordinator acknowledges for one contribution, after its transaction committed. */
export const receiptTypes = {
  Receipt: [
    { name: 'contributionId', type: 'string' },
    { name: 'jobId', type: 'string' },
    { name: 'contentHash', type: 'bytes32' },
    { name: 'device', type: 'address' },
    { name: 'campaignId', type: 'string' },
    { name: 'outcome', type: 'string' },
    { name: 'issuedAt', type: 'uint64' },
  ],
} as const;

/** The coordinator signs one receipt batch per answer: keccak256 of the receipts' struct hashes. */
export const receiptBatchTypes = {
  ReceiptBatch: [
    { name: 'itemsHash', type: 'bytes32' },
    { name: 'count', type: 'uint32' },
    { name: 'issuedAt', type: 'uint64' },
  ],
} as const;

/**
 * A device's output for one item of a pre-label lease: the keccak256 of the exact model input
 * and the class probabilities in millionths. Its struct hash is a leaf of a
 * {@link prelabelBatchTypes} batch.
 */
export const prelabelPredictionTypes = {
  PrelabelPrediction: [
    { name: 'itemId', type: 'uint64' },
    { name: 'inputHash', type: 'bytes32' },
    { name: 'probs', type: 'uint32[]' },
  ],
} as const;

/**
 * What a device signs for a pre-label lease: the model version (content hash), the backend that
 * ran it, and the keccak256 of its predictions' struct hashes, in order.
 */
export const prelabelBatchTypes = {
  PrelabelBatch: [
    { name: 'device', type: 'address' },
    { name: 'leaseId', type: 'string' },
    { name: 'model', type: 'bytes32' },
    { name: 'backend', type: 'string' },
    { name: 'itemsHash', type: 'bytes32' },
    { name: 'count', type: 'uint32' },
  ],
} as const;
