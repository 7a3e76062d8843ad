import {
  deviceRegistrationTypes,
  downloadRequestTypes,
  plazaDomain,
  signPayoutLink,
} from '@plaza/protocol';
import type { PrivateKeyAccount } from 'viem/accounts';
import { unixSeconds } from '../../src/clock.ts';
import { downloadKey, signDownloadToken } from '../../src/datasets/download-token.ts';
import type { TestApp } from '../create-test-app.ts';
import { siweMessage } from '../labeling.ts';
import type { registerTestDevice } from '../seed.ts';

/** The accounts whose signatures {@link signFuzzBodies} makes. */
export interface FuzzSigners {
  /** The fuzz world's registered device. */
  device: Awaited<ReturnType<typeof registerTestDevice>>;
  /** An account the coordinator has never seen: registrations, downloads, sign-in. */
  stranger: PrivateKeyAccount;
  /** The wallet the device links its payouts to. */
  payoutAccount: PrivateKeyAccount;
}

/** EIP-712 domain fields of a body signed for `chainId`. */
function signedFor(t: TestApp, chainId: number) {
  return { chainId, coordinator: t.deps.signer.address };
}

/** A device registration as the extension sends it. */
async function registration(
  t: TestApp,
  account: PrivateKeyAccount,
  issuedAt: number,
  chainId = t.deps.config.PLAZA_CHAIN_ID,
) {
  return {
    address: account.address.toLowerCase(),
    issuedAt,
    signature: await account.signTypedData({
      domain: plazaDomain(signedFor(t, chainId)),
      types: deviceRegistrationTypes,
      primaryType: 'DeviceRegistration',
      message: { device: account.address, issuedAt: BigInt(issuedAt) },
    }),
  };
}

/** A payout link as the extension sends it: the wallet's half and the device's half. */
async function payoutLink(
  t: TestApp,
  { device, payoutAccount }: FuzzSigners,
  link: { chainId: number; nonce: number; issuedAt: number },
) {
  const { nonce, issuedAt } = link;
  return {
    ...(await signPayoutLink(payoutAccount, {
      ...signedFor(t, link.chainId),
      device: device.address,
      nonce,
      issuedAt,
    })),
    nonce,
    issuedAt,
    deviceSignature: await device.payoutLink({ payout: payoutAccount.address, nonce, issuedAt }),
  };
}

/** A buyer's download request for version 1 of `datasetId`. */
async function downloadRequest(
  t: TestApp,
  buyer: PrivateKeyAccount,
  datasetId: string,
  issuedAt: number,
  chainId = t.deps.config.PLAZA_CHAIN_ID,
) {
  return {
    buyer: buyer.address.toLowerCase(),
    issuedAt,
    signature: await buyer.signTypedData({
      domain: plazaDomain(signedFor(t, chainId)),
      types: downloadRequestTypes,
      primaryType: 'DownloadRequest',
      message: {
        buyer: buyer.address,
        datasetId: BigInt(datasetId),
        version: 1,
        issuedAt: BigInt(issuedAt),
      },
    }),
  };
}

/** A SIWE message for a fresh nonce, signed by `account`. */
async function signedSiwe(t: TestApp, account: PrivateKeyAccount) {
  const nonce = (await (await t.app.request('/v1/auth/nonce', { method: 'POST' })).json()) as {
    nonce: string;
    domain: string;
    chainId: number;
  };
  const message = siweMessage(account, nonce, { issuedAt: t.clock.now() });
  return { message, signature: await account.signMessage({ message }) };
}

/** A valid download token of `campaignId` v1 for `buyer`, an expired one and a forged one. */
async function downloadTokens(t: TestApp, campaignId: string, buyer: PrivateKeyAccount) {
  const key = await downloadKey(t.deps.signer);
  const grant = { campaignId, version: 1, buyer: buyer.address.toLowerCase() };
  const valid = signDownloadToken(key, { ...grant, expiresAt: t.clock.now().getTime() + 600_000 });
  const expired = signDownloadToken(key, { ...grant, expiresAt: 1 });
  return [valid, expired, `${valid.slice(0, -2)}xx`];
}

/**
 * Every signed body the fuzzer sends, each signed the way the real client signs it: valid ones
 * (replayed by the fuzzer) and the same bodies signed for the wrong chain (1), or too long ago.
 */
export async function signFuzzBodies(
  t: TestApp,
  signers: FuzzSigners,
  dataset: { campaignId: string; datasetId: string },
) {
  const { device, stranger } = signers;
  const chainId = t.deps.config.PLAZA_CHAIN_ID;
  const now = unixSeconds(t.clock.now());
  return {
    registrations: [
      await registration(t, stranger, now),
      await registration(t, device.account, now - 1),
      await registration(t, stranger, now - 3600),
      await registration(t, stranger, now, 1),
    ],
    payoutLinks: [
      await payoutLink(t, signers, { chainId, nonce: 1, issuedAt: now }),
      await payoutLink(t, signers, { chainId: 1, nonce: 1, issuedAt: now }),
      await payoutLink(t, signers, { chainId, nonce: 1, issuedAt: now - 7200 }),
    ],
    payoutUnlinks: [
      await device.payoutUnlink({ nonce: 2, issuedAt: now }),
      await device.payoutUnlink({ nonce: 9, issuedAt: now }),
    ],
    downloads: [
      await downloadRequest(t, stranger, dataset.datasetId, now),
      await downloadRequest(t, stranger, dataset.datasetId, now - 3600),
      await downloadRequest(t, stranger, dataset.datasetId, now, 1),
    ],
    siwe: await signedSiwe(t, stranger),
    downloadTokens: await downloadTokens(t, dataset.campaignId, stranger),
  };
}
