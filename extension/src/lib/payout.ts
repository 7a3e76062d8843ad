import {
  type CoordinatorClient,
  type CoordinatorInfo,
  createDeviceSigner,
  type Device,
  type PayoutEvent,
  payoutLinkTypedData,
  payoutUnlinkTypedData,
} from '@plaza/protocol';
import { type LocalAccount, verifyTypedData } from 'viem';

type Hex = `0x${string}`;

/** The coordinator a payout change is signed for. */
export type PayoutCoordinator = Pick<CoordinatorInfo, 'address' | 'chainId'>;

/** The nonce and time of the device's next payout change (link or unlink). */
export function nextPayoutChange(device: Pick<Device, 'payoutNonce'>, nowMs: number) {
  return { nonce: device.payoutNonce + 1, issuedAt: Math.floor(nowMs / 1000) };
}

/**
 * Links a payout wallet: adds the device's signature to the wallet's signature of the same
 * `PayoutLink` and sends both. The coordinator refuses a link that lacks either.
 *
 * @example
 * const device = await linkPayoutWallet({ client, account, info, payout, nonce, issuedAt, payoutSignature });
 */
export async function linkPayoutWallet(params: {
  client: Pick<CoordinatorClient, 'linkPayout'>;
  account: LocalAccount;
  info: PayoutCoordinator;
  payout: Hex;
  nonce: number;
  issuedAt: number;
  payoutSignature: Hex;
}): Promise<Device> {
  const signer = createDeviceSigner(params.account, {
    chainId: params.info.chainId,
    coordinator: params.info.address,
  });
  const link = { payout: params.payout, nonce: params.nonce, issuedAt: params.issuedAt };
  const deviceSignature = await signer.payoutLink(link);
  const answer = await params.client.linkPayout(signer.address, {
    ...link,
    deviceSignature,
    payoutSignature: params.payoutSignature,
  });
  return answer.device;
}

/** Unlinks the payout wallet with the device's signature alone: shares go to the device again. */
export async function unlinkPayoutWallet(params: {
  client: Pick<CoordinatorClient, 'unlinkPayout'>;
  account: LocalAccount;
  info: PayoutCoordinator;
  nonce: number;
  issuedAt: number;
}): Promise<Device> {
  const signer = createDeviceSigner(params.account, {
    chainId: params.info.chainId,
    coordinator: params.info.address,
  });
  const body = await signer.payoutUnlink({ nonce: params.nonce, issuedAt: params.issuedAt });
  return (await params.client.unlinkPayout(signer.address, body)).device;
}

/** A payout change, and whether this device's key signed it. */
export type CheckedPayoutEvent = PayoutEvent & { signedByDevice: boolean };

/**
 * Checks each payout change the coordinator reports against the device's own key: a change the
 * device did not sign (a coordinator that was tampered with, or one that lies) is flagged.
 */
export async function checkPayoutEvents(
  events: readonly PayoutEvent[],
  params: { device: Hex; info: PayoutCoordinator },
): Promise<CheckedPayoutEvent[]> {
  const domain = { chainId: params.info.chainId, coordinator: params.info.address };
  return Promise.all(
    events.map(async (event) => {
      const fields = { ...domain, device: params.device, nonce: event.nonce };
      const typed =
        event.kind === 'payout_linked' && event.payout
          ? payoutLinkTypedData({ ...fields, payout: event.payout, issuedAt: event.issuedAt })
          : payoutUnlinkTypedData({ ...fields, issuedAt: event.issuedAt });
      const signedByDevice = await verifyTypedData({
        ...typed,
        address: params.device,
        signature: event.deviceSignature as Hex,
      } as Parameters<typeof verifyTypedData>[0]).catch(() => false);
      return { ...event, signedByDevice };
    }),
  );
}
