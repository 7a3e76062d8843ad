import { keccak256, toHex } from 'viem';
import type { SharesTree } from '../../src/shares-tree.ts';
import { addressOf, startTestChain, type TestChain } from './chain.ts';
import { createPlazaFixture, type PlazaFixture } from './plaza-fixture.ts';

export const [A, B, C, D, E] = ['a', 'b', 'c', 'd', 'e'].map((l) =>
  addressOf(`license-holder-${l}`),
) as [`0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`, `0x${string}`];

/** Total 10,000: A+B is an absolute majority; A+D+E is half (enough to decide against). */
export const licenseHolders = [
  { account: A, amount: 4_000n },
  { account: B, amount: 3_000n },
  { account: C, amount: 2_000n },
  { account: D, amount: 900n },
  { account: E, amount: 100n },
];
export const PRICE = 1_000n * 10n ** 6n;
export const terms = keccak256(toHex('terms'));

/** A chain with one dataset (default parameters) and an active version whose holders A–D have claimed. */
export interface LicenseWorld {
  chain: TestChain;
  f: PlazaFixture;
  datasetId: bigint;
  version: number;
  tree: SharesTree;
}

export async function createLicenseWorld(): Promise<LicenseWorld> {
  const chain = await startTestChain();
  const f = await createPlazaFixture(chain);
  const datasetId = await f.registerDataset();
  const { version, tree } = await f.publishVersion(datasetId, licenseHolders);
  for (let i = 0; i < 4; i++) await f.claim(datasetId, version, tree, i); // E stays unclaimed
  await chain.snapshot();
  return { chain, f, datasetId, version, tree };
}
