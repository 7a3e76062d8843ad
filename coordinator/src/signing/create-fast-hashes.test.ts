import {
  hashContribution,
  hashItems,
  hashLinks,
  hashReceipt,
  hashText,
  type Receipt,
  type SignedContributionFields,
} from '@plaza/protocol';
import fc from 'fast-check';
import { hashStruct } from 'viem';
import { describe, expect, it } from 'vitest';
import { createFastHashes } from './create-fast-hashes.ts';
import { createStructHasher } from './create-struct-hasher.ts';

const hex = (bytes: number) =>
  fc
    .uint8Array({ minLength: bytes, maxLength: bytes })
    .map((b) => `0x${Buffer.from(b).toString('hex')}` as `0x${string}`);
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

const contribution: fc.Arbitrary<SignedContributionFields> = fc.record({
  jobId: text,
  url: text,
  finalUrl: text,
  httpStatus: fc.integer({ min: 0, max: 65_535 }),
  bodyHash: hex(32),
  textHash: hex(32),
  linksHash: hex(32),
  fetchedAt: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  // Fields the type may gain (the page title) ride along: the hasher reads the type's fields.
  title: text,
}) as fc.Arbitrary<SignedContributionFields>;

const receipt: fc.Arbitrary<Receipt> = fc.record({
  contributionId: text,
  jobId: text,
  contentHash: hex(32),
  device: hex(20),
  campaignId: text,
  outcome: fc.constantFrom(
    'accepted',
    'low_quality',
    'duplicate',
    'near_duplicate',
    'fetch_failed',
  ),
  issuedAt: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  itemId: fc.option(fc.nat().map(String)),
  qualityScore: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
});

describe('createFastHashes', async () => {
  const fast = await createFastHashes();

  it('hashes contributions exactly as viem does', () => {
    fc.assert(
      fc.property(contribution, (c) => fast.contribution(c) === hashContribution(c)),
      {
        numRuns: 500,
      },
    );
  });

  it('hashes receipts exactly as viem does', () => {
    fc.assert(
      fc.property(receipt, (r) => fast.receipt(r) === hashReceipt(r)),
      { numRuns: 500 },
    );
  });

  it('hashes item lists, texts and links exactly as the protocol does', () => {
    fc.assert(
      fc.property(
        fc.array(hex(32), { maxLength: 70 }),
        text,
        fc.array(text),
        (hashes, t, links) => {
          expect(fast.items(hashes)).toBe(hashItems(hashes));
          expect(fast.text(t)).toBe(hashText(t));
          expect(fast.links(links)).toBe(hashLinks(links));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('createStructHasher', () => {
  const types = {
    Everything: [
      { name: 'flag', type: 'bool' },
      { name: 'small', type: 'uint8' },
      { name: 'signed', type: 'int64' },
      { name: 'big', type: 'uint256' },
      { name: 'blob', type: 'bytes' },
      { name: 'short', type: 'bytes4' },
      { name: 'who', type: 'address' },
      { name: 'name', type: 'string' },
    ],
  } as const;

  it('follows the type definition for every atomic and dynamic type', async () => {
    const hash = await createStructHasher(types, 'Everything');
    const values = fc.record({
      flag: fc.boolean(),
      small: fc.integer({ min: 0, max: 255 }),
      signed: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      big: fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
      blob: fc.uint8Array({ maxLength: 100 }).map((b) => `0x${Buffer.from(b).toString('hex')}`),
      short: hex(4),
      who: hex(20),
      name: text,
    });
    fc.assert(
      fc.property(values, (v) => {
        const data = v as never;
        return hash(v) === hashStruct({ types, primaryType: 'Everything', data });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a type it cannot encode', async () => {
    const nested = { Outer: [{ name: 'list', type: 'uint32[]' }] } as const;
    await expect(createStructHasher(nested, 'Outer')).rejects.toThrow(/uint32\[\]/);
  });
});
