import { payoutLinkTypes, payoutUnlinkTypes, plazaDomain } from './eip712.ts';

type Hex = `0x${string}`;

/** The coordinator a payout signature is bound to: its chain and its signing address. */
export interface PayoutDomainParams {
  chainId: number;
  coordinator: Hex;
}

/** What a `PayoutLink` says: the device's shares go to `payout` from its `nonce` on. */
export interface PayoutLinkFields {
  device: Hex;
  payout: Hex;
  /** Exactly one above the device's `payoutNonce`. */
  nonce: number;
  /** Unix seconds; within `PAYOUT_LINK_WINDOW_SECONDS` of the coordinator's clock. */
  issuedAt: number;
}

/** What a `PayoutUnlink` says: the device's shares go to the device address again. */
export type PayoutUnlinkFields = Omit<PayoutLinkFields, 'payout'>;

/**
 * The EIP-712 typed data of a payout link: the device key and the payout wallet both sign it.
 *
 * @example
 * const typed = payoutLinkTypedData({ chainId: info.chainId, coordinator: info.address,
 *   device, payout, nonce: current.payoutNonce + 1, issuedAt: Math.floor(Date.now() / 1000) });
 * const payoutSignature = await wallet.signTypedData({ account: payout, ...typed });
 */
export function payoutLinkTypedData(params: PayoutDomainParams & PayoutLinkFields) {
  return {
    domain: plazaDomain(params),
    types: payoutLinkTypes,
    primaryType: 'PayoutLink' as const,
    message: {
      device: params.device.toLowerCase() as Hex,
      payout: params.payout.toLowerCase() as Hex,
      nonce: BigInt(params.nonce),
      issuedAt: BigInt(params.issuedAt),
    },
  };
}

/**
 * The EIP-712 typed data of a payout unlink, signed by the device key alone.
 *
 * @example
 * const typed = payoutUnlinkTypedData({ chainId, coordinator, device, nonce, issuedAt });
 */
export function payoutUnlinkTypedData(params: PayoutDomainParams & PayoutUnlinkFields) {
  return {
    domain: plazaDomain(params),
    types: payoutUnlinkTypes,
    primaryType: 'PayoutUnlink' as const,
    message: {
      device: params.device.toLowerCase() as Hex,
      nonce: BigInt(params.nonce),
      issuedAt: BigInt(params.issuedAt),
    },
  };
}

/** The EIP-712 domain type, which `eth_signTypedData_v4` wants spelled out. */
const EIP712_DOMAIN = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
] as const;

/**
 * A payout link as the JSON an `eth_signTypedData_v4` request carries (numbers, not bigints; the
 * domain type included), for wallets reached over EIP-1193 or by hand.
 *
 * @example
 * await provider.request({ method: 'eth_signTypedData_v4', params: [payout, JSON.stringify(payoutLinkWalletRequest(link))] });
 */
export function payoutLinkWalletRequest(params: PayoutDomainParams & PayoutLinkFields) {
  const typed = payoutLinkTypedData(params);
  return {
    domain: typed.domain,
    types: { EIP712Domain: EIP712_DOMAIN, ...typed.types },
    primaryType: typed.primaryType,
    message: { ...typed.message, nonce: params.nonce, issuedAt: params.issuedAt },
  };
}
