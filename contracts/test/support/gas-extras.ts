import { scenarioHolders } from './gas-scenario.ts';
import { eventsOf, type PlazaFixture, roles } from './plaza-fixture.ts';

/** Gas of the defences' own paths: votes past the share slot's 160 proposals, sweeps. */
export interface GasExtrasResult {
  /** A vote on a version's 161st proposal: the first in a fresh word of 256 vote bits. */
  voteFreshWord: bigint;
  /** A vote on its 162nd proposal: the same word, already written. */
  voteSameWord: bigint;
  /** A holder proposing a sweep destination (no escrow). */
  proposeSweepTo: bigint;
  /** Sweeping a version's unclaimed revenue after its claim deadline. */
  sweepUnclaimed: bigint;
}

/**
 * Measures the paths the defences add: 162 proposals on one version (a holder votes on the
 * 161st and the 162nd), a sweep proposal, and a sweep after the claim deadline. Expects a fixture with
 * no dataset yet.
 */
export async function runGasExtras(f: PlazaFixture): Promise<GasExtrasResult> {
  const { holders } = scenarioHolders(10);
  const datasetId = await f.registerDataset({ reservePrice: 1n });
  const { version, tree } = await f.publishVersion(datasetId, holders);
  const voter = tree.leaves[0]![3];
  await f.claim(datasetId, version, tree, 0);
  await f.send(f.usd.write.mint([roles.buyer, 1_000n], { account: roles.buyer }));
  await f.send(f.usd.write.approve([f.plazaAddress, 1_000n], { account: roles.buyer }));
  const ids: bigint[] = [];
  for (let i = 0; i < 162; i++) {
    const receipt = await f.send(
      f.plaza.write.proposeLicense(
        [datasetId, version, f.usdAddress, 1n, 86_400, `0x${'00'.repeat(32)}`],
        {
          account: roles.buyer,
        },
      ),
    );
    ids.push(eventsOf(receipt, 'LicenseProposed')[0]!.args.proposalId);
  }
  const vote = async (id: bigint) =>
    (await f.send(f.plaza.write.vote([id, false], { account: voter }))).gasUsed;
  const voteFreshWord = await vote(ids[160]!);
  const voteSameWord = await vote(ids[161]!);
  const proposeSweepTo = (
    await f.send(
      f.plaza.write.proposeSweepTo([datasetId, version, roles.treasury], { account: voter }),
    )
  ).gasUsed;
  // Revenue for the version, most of it owed to shares nobody claims before the deadline.
  const { proposalId } = await f.proposeLicense(datasetId, version, { price: 1_000_000n });
  const whale = scenarioHolders(10).whale;
  const leaf = tree.leaves[whale]!;
  await f.send(
    f.plaza.write.voteWithProof([proposalId, true, whale, leaf[4], tree.getProof(whale)], {
      account: leaf[3],
    }),
  );
  await f.send(f.plaza.write.settle([proposalId], { account: roles.stranger }));
  const deadline = await f.plaza.read.claimDeadline([datasetId, version]);
  await f.chain.warp(BigInt(deadline) - (await f.chain.now()));
  const sweepUnclaimed = (
    await f.send(
      f.plaza.write.sweepUnclaimed([datasetId, version, f.usdAddress], { account: roles.stranger }),
    )
  ).gasUsed;
  return { voteFreshWord, voteSameWord, proposeSweepTo, sweepUnclaimed };
}
