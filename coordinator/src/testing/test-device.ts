import {
  type ContributionItem,
  contributionBatchTypedData,
  deviceRegistrationTypes,
  hashLinks,
  hashText,
  type Job,
  plazaDomain,
} from '@plaza/protocol';
import { keccak256, stringToBytes } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

/**
 * A simulated extension: a real device key that registers, and signs contribution batches exactly
 * as the extension does. Used by coordinator tests and benchmarks.
 */
export function createTestDevice(params: { chainId: number; coordinator: `0x${string}` }) {
  const account = privateKeyToAccount(generatePrivateKey());
  const address = account.address.toLowerCase() as `0x${string}`;
  const domain = plazaDomain(params);
  return {
    account,
    address,
    /** A registration request body signed now. */
    async registration(issuedAt: number) {
      const signature = await account.signTypedData({
        domain,
        types: deviceRegistrationTypes,
        primaryType: 'DeviceRegistration',
        message: { device: address, issuedAt: BigInt(issuedAt) },
      });
      return { address, issuedAt, signature };
    },
    /** A contribution for a job, as the extension would build it from a fetched page. */
    contribution(
      job: Pick<Job, 'jobId' | 'url'>,
      page: Partial<ContributionItem> & { text: string },
    ) {
      const links = page.links ?? [];
      return {
        jobId: job.jobId,
        url: job.url,
        finalUrl: page.finalUrl ?? job.url,
        httpStatus: page.httpStatus ?? 200,
        bodyHash: keccak256(stringToBytes(`<html>${page.text}</html>`)),
        textHash: hashText(page.text),
        linksHash: hashLinks(links),
        fetchedAt: page.fetchedAt ?? 1_772_366_400,
        contentType: page.contentType ?? 'text/html',
        bodyBytes: page.bodyBytes ?? page.text.length + 13,
        title: page.title ?? '',
        text: page.text,
        links,
      } satisfies ContributionItem;
    },
    /** A signed submission body for these contributions. */
    async batch(items: ReturnType<typeof this.contribution>[]) {
      const signature = await account.signTypedData(
        contributionBatchTypedData({ ...params, device: address, items }),
      );
      return { device: address, signature, items };
    },
  };
}

/** The device `createTestDevice` returns. */
export type TestDevice = ReturnType<typeof createTestDevice>;
