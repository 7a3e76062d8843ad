import {
  buildContribution,
  type ContributionItem,
  createDeviceSigner,
  type Job,
  type ParsedContributionItem,
} from '@plaza/protocol';
import { keccak256, stringToBytes } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

/**
 * A simulated extension: a real device key that registers and signs contribution batches with the
 * same protocol code the extension uses. Used by coordinator tests and benchmarks.
 */
export function createTestDevice(params: { chainId: number; coordinator: `0x${string}` }) {
  const account = privateKeyToAccount(generatePrivateKey());
  const signer = createDeviceSigner(account, params);
  return {
    ...signer,
    account,
    /** A contribution for a job, with defaults for what a test does not care about. */
    contribution(
      job: Pick<Job, 'jobId' | 'url'>,
      page: Partial<Omit<ContributionItem, 'jobId' | 'url'>> & { text: string },
    ): ParsedContributionItem {
      return buildContribution(job, {
        bodyHash:
          (page.bodyHash as `0x${string}` | undefined) ??
          keccak256(stringToBytes(`<html>${page.text}</html>`)),
        bodyBytes: page.bodyBytes ?? page.text.length + 13,
        contentType: page.contentType ?? 'text/html',
        fetchedAt: page.fetchedAt ?? 1_772_366_400,
        text: page.text,
        ...(page.finalUrl === undefined ? {} : { finalUrl: page.finalUrl }),
        ...(page.httpStatus === undefined ? {} : { httpStatus: page.httpStatus }),
        ...(page.title === undefined ? {} : { title: page.title }),
        ...(page.links === undefined ? {} : { links: page.links }),
      });
    },
  };
}

/** The device `createTestDevice` returns. */
export type TestDevice = ReturnType<typeof createTestDevice>;
