import type { LocalAccount } from 'viem';
import type { ParsedContributionItem } from './contributions.ts';
import { deviceRegistrationTypes, plazaDomain } from './eip712.ts';
import type { Job } from './jobs.ts';
import {
  type PayoutLinkFields,
  type PayoutUnlinkFields,
  payoutLinkTypedData,
  payoutUnlinkTypedData,
} from './payout-link.ts';
import { prelabelBatchTypedData } from './prelabel/prelabel-batch-typed-data.ts';
import type { PrelabelBackend, PrelabelPrediction } from './prelabel/prelabel-schemas.ts';
import { contributionBatchTypedData, hashLinks, hashText } from './signing.ts';

/** A fetched page, as the extension hands it to {@link buildContribution}. */
export interface FetchedPage {
  finalUrl?: string;
  httpStatus?: number;
  /** keccak256 of the raw body bytes. */
  bodyHash: `0x${string}`;
  bodyBytes: number;
  contentType: string;
  title?: string;
  /** The extracted main text. */
  text: string;
  links?: string[];
  /** Unix seconds. */
  fetchedAt: number;
}

/** The contribution of a job: the page's fields plus the hashes that commit to its content. */
export function buildContribution(
  job: Pick<Job, 'jobId' | 'url'>,
  page: FetchedPage,
): ParsedContributionItem {
  const links = page.links ?? [];
  return {
    jobId: job.jobId,
    url: job.url,
    finalUrl: page.finalUrl ?? job.url,
    httpStatus: page.httpStatus ?? 200,
    bodyHash: page.bodyHash,
    textHash: hashText(page.text),
    linksHash: hashLinks(links),
    fetchedAt: page.fetchedAt,
    contentType: page.contentType,
    bodyBytes: page.bodyBytes,
    title: page.title ?? '',
    text: page.text,
    links,
  };
}

/**
 * Everything a device signs for one coordinator: its registration, its half of payout links (the
 * payout wallet signs the other half, see {@link signPayoutLink}), unlinks, contribution batches
 * and pre-label batches.
 *
 * @example
 * const signer = createDeviceSigner(account, { chainId: 31337, coordinator: info.address });
 * await client.registerDevice(await signer.registration(Math.floor(Date.now() / 1000)));
 */
export function createDeviceSigner(
  account: LocalAccount,
  params: { chainId: number; coordinator: `0x${string}` },
) {
  const address = account.address.toLowerCase() as `0x${string}`;
  const domain = plazaDomain(params);
  return {
    address,
    /** A `POST /v1/devices` body signed for `issuedAt` (unix seconds, within 10 minutes of now). */
    async registration(issuedAt: number) {
      const signature = await account.signTypedData({
        domain,
        types: deviceRegistrationTypes,
        primaryType: 'DeviceRegistration',
        message: { device: address, issuedAt: BigInt(issuedAt) },
      });
      return { address, issuedAt, signature };
    },
    /** The device's signature of a `PayoutLink` (its consent to give its shares to `payout`). */
    payoutLink(link: Omit<PayoutLinkFields, 'device'>): Promise<`0x${string}`> {
      return account.signTypedData(payoutLinkTypedData({ ...params, ...link, device: address }));
    },
    /** A `POST /v1/devices/:address/payout/unlink` body: the shares go to the device again. */
    async payoutUnlink(unlink: Omit<PayoutUnlinkFields, 'device'>) {
      const deviceSignature = await account.signTypedData(
        payoutUnlinkTypedData({ ...params, ...unlink, device: address }),
      );
      return { nonce: unlink.nonce, issuedAt: unlink.issuedAt, deviceSignature };
    },
    /** A `POST /v1/contributions` body: the items and one signature over all of them. */
    async batch(items: ParsedContributionItem[]) {
      const signature = await account.signTypedData(
        contributionBatchTypedData({
          ...params,
          device: address,
          items,
        }),
      );
      return { device: address, signature, items };
    },
    /** A `POST /v1/prelabel/results` body: one lease's predictions and one signature over them. */
    async prelabelBatch(batch: {
      leaseId: string;
      model: `0x${string}`;
      backend: PrelabelBackend;
      items: PrelabelPrediction[];
    }) {
      const signature = await account.signTypedData(
        prelabelBatchTypedData({ ...params, ...batch, device: address }),
      );
      return { ...batch, device: address, signature };
    },
  };
}

/**
 * The payout wallet's half of a `POST /v1/devices/:address/payout` body; the device adds its own
 * signature of the same link ({@link createDeviceSigner}'s `payoutLink`).
 *
 * @example
 * const half = await signPayoutLink(wallet, { chainId, coordinator, device, nonce, issuedAt });
 * await client.linkPayout(device, { ...half, nonce, issuedAt, deviceSignature });
 */
export async function signPayoutLink(
  payout: LocalAccount,
  params: {
    chainId: number;
    coordinator: `0x${string}`;
    device: `0x${string}`;
    nonce: number;
    issuedAt: number;
  },
) {
  const payoutSignature = await payout.signTypedData(
    payoutLinkTypedData({ ...params, payout: payout.address }),
  );
  return { payout: payout.address.toLowerCase() as `0x${string}`, payoutSignature };
}
