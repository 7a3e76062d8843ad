import {
  PAYOUT_LINK_WINDOW_SECONDS,
  type PayoutDomainParams,
  payoutLinkTypedData,
  payoutUnlinkTypedData,
} from '@plaza/protocol';
import { isAddressEqual, recoverTypedDataAddress, zeroAddress } from 'viem';
import { unixSeconds } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { AppError, SignatureInvalidError, ValidationError } from '../errors.ts';
import { recordPayoutChange } from './record-payout-change.ts';

type Hex = `0x${string}`;

export interface LinkPayoutParams {
  device: Hex;
  payout: Hex;
  nonce: number;
  issuedAt: number;
  deviceSignature: Hex;
  payoutSignature: Hex;
}

export interface UnlinkPayoutParams {
  device: Hex;
  nonce: number;
  issuedAt: number;
  deviceSignature: Hex;
}

/** The domain payout signatures are bound to: this coordinator, on its chain. */
function domainOf(deps: Pick<Deps, 'config' | 'signer'>): PayoutDomainParams {
  return { chainId: deps.config.PLAZA_CHAIN_ID, coordinator: deps.signer.address };
}

/** Refuses an `issuedAt` further than the window from the coordinator's clock. */
function checkIssuedAt(deps: Pick<Deps, 'clock'>, issuedAt: number): void {
  const now = unixSeconds(deps.clock.now());
  if (Math.abs(now - issuedAt) > PAYOUT_LINK_WINDOW_SECONDS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Payout issuedAt ${issuedAt} is more than ${PAYOUT_LINK_WINDOW_SECONDS}s from now (${now}); sign it again.`,
    );
  }
}

/** Device keys are plain keys: their signatures are checked by recovery alone. */
async function isDeviceSignature(
  device: Hex,
  typed: Parameters<typeof recoverTypedDataAddress>[0],
): Promise<boolean> {
  const signer = await recoverTypedDataAddress(typed).catch(() => null);
  return signer !== null && isAddressEqual(signer, device);
}

/**
 * Links a device to a payout wallet. Both must have signed the same `PayoutLink` (bound to this
 * coordinator, its chain and the device): the device key, so nobody can move a device's shares
 * without its owner, and the payout wallet (a key or a contract wallet), so nobody is made to
 * receive them without agreeing. The nonce must be the device's next one and `issuedAt` recent,
 * so an old link cannot be replayed and no link can push the counter out of reach.
 */
export async function linkPayout(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'signer' | 'wallets'>,
  params: LinkPayoutParams,
) {
  if (isAddressEqual(params.payout, zeroAddress)) {
    throw new ValidationError('The payout address cannot be the zero address.');
  }
  checkIssuedAt(deps, params.issuedAt);
  const typed = payoutLinkTypedData({ ...domainOf(deps), ...params });
  if (!(await isDeviceSignature(params.device, { ...typed, signature: params.deviceSignature }))) {
    throw new SignatureInvalidError(`The payout link was not signed by device ${params.device}.`);
  }
  const byPayout = await deps.wallets.verifyTypedData({
    ...typed,
    address: params.payout,
    signature: params.payoutSignature,
  });
  if (!byPayout) {
    throw new SignatureInvalidError(`The payout link was not signed by ${params.payout}.`);
  }
  return recordPayoutChange(deps, {
    device: params.device,
    kind: 'payout_linked',
    payout: params.payout,
    nonce: params.nonce,
    issuedAt: params.issuedAt,
    deviceSignature: params.deviceSignature,
    payoutSignature: params.payoutSignature,
  });
}

/**
 * Revokes a device's payout link: signed by the device key alone (the wallet need not agree to
 * stop being paid). The device's shares go to the device address again; same nonce rule.
 */
export async function unlinkPayout(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'signer'>,
  params: UnlinkPayoutParams,
) {
  checkIssuedAt(deps, params.issuedAt);
  const typed = payoutUnlinkTypedData({ ...domainOf(deps), ...params });
  if (!(await isDeviceSignature(params.device, { ...typed, signature: params.deviceSignature }))) {
    throw new SignatureInvalidError(`The unlink was not signed by device ${params.device}.`);
  }
  return recordPayoutChange(deps, {
    device: params.device,
    kind: 'payout_unlinked',
    payout: null,
    nonce: params.nonce,
    issuedAt: params.issuedAt,
    deviceSignature: params.deviceSignature,
    payoutSignature: null,
  });
}
