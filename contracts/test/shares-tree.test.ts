import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import fc from 'fast-check';
import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  buildSharesTree,
  buildSharesTreeWithLibrary,
  SharesTreeInputError,
  sharesLeafEncoding,
  sharesLeafHash,
  verifySharesProof,
} from '../src/shares-tree.ts';
import { fuzzRuns } from './support/fuzz.ts';

const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => `0x${Buffer.from(bytes).toString('hex')}` as Address);

const input = fc.record({
  datasetId: fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }),
  version: fc.bigInt({ min: 1n, max: (1n << 32n) - 1n }),
  holders: fc.uniqueArray(
    fc.record({ account: address, amount: fc.bigInt({ min: 1n, max: 1n << 80n }) }),
    {
      minLength: 1,
      maxLength: 40,
      selector: (h) => h.account,
    },
  ),
});

describe('buildSharesTree', () => {
  it('builds exactly what StandardMerkleTree.of builds (root, layout, values, proofs)', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (params) => {
        const ours = await buildSharesTree(params);
        const library = buildSharesTreeWithLibrary(params);
        expect(ours.root).toBe(library.root);
        expect(ours.dump()).toEqual(library.dump());
        for (let i = 0; i < params.holders.length; i++) {
          expect(ours.getProof(i)).toEqual(library.getProof(i));
          expect(sharesLeafHash(ours.leaves[i]!)).toBe(library.leafHash(library.at(i)!));
          expect(verifySharesProof(ours.root, ours.leaves[i]!, ours.getProof(i))).toBe(true);
        }
      }),
      { numRuns: fuzzRuns(40) },
    );
  });

  it('round-trips through StandardMerkleTree.load', async () => {
    const tree = await buildSharesTree({
      datasetId: 7n,
      version: 3n,
      holders: [
        { account: '0x00000000000000000000000000000000000000aa', amount: 5n },
        { account: '0x00000000000000000000000000000000000000Bb', amount: 6n },
        { account: '0x00000000000000000000000000000000000000cc', amount: 7n },
      ],
    });
    const loaded = StandardMerkleTree.load(JSON.parse(JSON.stringify(tree.dump())));
    expect(loaded.root).toBe(tree.root);
    expect(loaded.getProof(1)).toEqual(tree.getProof(1));
    expect(tree.dump().leafEncoding).toEqual([...sharesLeafEncoding]);
    expect(tree.totalShares).toBe(18n);
    expect(tree.leaves[1]).toEqual([7n, 3n, 1n, '0x00000000000000000000000000000000000000bb', 6n]);
    expect(tree.indexOf('0x00000000000000000000000000000000000000BB')).toBe(1);
    expect(tree.indexOf('0x00000000000000000000000000000000000000dd')).toBeUndefined();
  });

  it('gives a one-leaf tree an empty proof and the leaf as root', async () => {
    const tree = await buildSharesTree({
      datasetId: 1n,
      version: 1n,
      holders: [{ account: '0x00000000000000000000000000000000000000aa', amount: 1n }],
    });
    expect(tree.getProof(0)).toEqual([]);
    expect(tree.root).toBe(sharesLeafHash(tree.leaves[0]!));
  });

  const bad: [string, Parameters<typeof buildSharesTree>[0], RegExp][] = [
    ['no holders', { datasetId: 1n, version: 1n, holders: [] }, /at least one holder/],
    [
      'dataset 0',
      {
        datasetId: 0n,
        version: 1n,
        holders: [{ account: '0x00000000000000000000000000000000000000aa', amount: 1n }],
      },
      /datasetId/,
    ],
    [
      'version 0',
      {
        datasetId: 1n,
        version: 0n,
        holders: [{ account: '0x00000000000000000000000000000000000000aa', amount: 1n }],
      },
      /version/,
    ],
    [
      'a zero amount',
      {
        datasetId: 1n,
        version: 1n,
        holders: [{ account: '0x00000000000000000000000000000000000000aa', amount: 0n }],
      },
      /amount 0/,
    ],
    [
      'an amount past 2^96',
      {
        datasetId: 1n,
        version: 1n,
        holders: [{ account: '0x00000000000000000000000000000000000000aa', amount: 1n << 96n }],
      },
      /outside/,
    ],
    [
      'a malformed address',
      { datasetId: 1n, version: 1n, holders: [{ account: '0x1234' as Address, amount: 1n }] },
      /not an address/,
    ],
    [
      'a duplicate account (any case)',
      {
        datasetId: 1n,
        version: 1n,
        holders: [
          { account: '0x00000000000000000000000000000000000000aa', amount: 1n },
          { account: '0x00000000000000000000000000000000000000AA', amount: 2n },
        ],
      },
      /appears twice/,
    ],
    [
      'a total past 2^96',
      {
        datasetId: 1n,
        version: 1n,
        holders: [
          { account: '0x00000000000000000000000000000000000000aa', amount: (1n << 96n) - 1n },
          { account: '0x00000000000000000000000000000000000000bb', amount: 1n },
        ],
      },
      /total shares/,
    ],
  ];
  it.each(bad)('rejects %s with SharesTreeInputError', async (_, params, message) => {
    const error = await buildSharesTree(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SharesTreeInputError);
    expect((error as SharesTreeInputError).code).toBe('SHARES_TREE_INVALID_INPUT');
    expect((error as Error).message).toMatch(message);
  });

  it('rejects proofs for indexes outside the tree', async () => {
    const tree = await buildSharesTree({
      datasetId: 1n,
      version: 1n,
      holders: [{ account: '0x00000000000000000000000000000000000000aa', amount: 1n }],
    });
    expect(() => tree.getProof(1)).toThrow(SharesTreeInputError);
    expect(() => tree.getProof(-1)).toThrow(SharesTreeInputError);
  });
});
