import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSharesTree } from '../src/shares-tree.ts';
import { addressOf, revertReason, startTestChain, type TestChain } from './support/chain.ts';
import {
  createPlazaFixture,
  eventsOf,
  makeHolders,
  type PlazaFixture,
  roles,
} from './support/plaza-fixture.ts';

let chain: TestChain;
let f: PlazaFixture;
let datasetId: bigint;
const holders = makeHolders(10);

beforeAll(async () => {
  chain = await startTestChain();
  f = await createPlazaFixture(chain);
  datasetId = await f.registerDataset();
  await chain.snapshot();
});
beforeEach(() => chain.revert());
afterAll(() => chain.stop());

function claimArgs(
  tree: Awaited<ReturnType<typeof buildSharesTree>>,
  index: number,
  version: number,
  id = datasetId,
) {
  const leaf = tree.leaves[index]!;
  return [id, version, index, leaf[3], leaf[4], tree.getProof(index)] as const;
}

describe('claimShares', () => {
  it('records the shares, counts them against the total and emits SharesClaimed', async () => {
    const { version, tree } = await f.publishVersion(datasetId, holders);
    const receipt = await f.send(
      f.plaza.write.claimShares(claimArgs(tree, 3, version), { account: roles.stranger }),
    );
    expect(eventsOf(receipt, 'SharesClaimed')[0]?.args).toEqual({
      datasetId,
      version,
      account: holders[3]!.account,
      index: 3,
      amount: holders[3]!.amount,
    });
    expect(await f.plaza.read.sharesOf([datasetId, version, holders[3]!.account])).toBe(
      holders[3]!.amount,
    );
    expect(await f.plaza.read.sharesOf([datasetId, version, holders[4]!.account])).toBe(0n);
    expect((await f.plaza.read.getVersion([datasetId, version])).claimedShares).toBe(
      holders[3]!.amount,
    );
  });

  it('lets every holder claim, up to exactly the total', async () => {
    const { version, tree } = await f.publishVersion(datasetId, holders);
    for (let i = 0; i < holders.length; i++) await f.claim(datasetId, version, tree, i);
    const v = await f.plaza.read.getVersion([datasetId, version]);
    expect(v.claimedShares).toBe(tree.totalShares);
    expect(v.claimedShares).toBe(v.totalShares);
  });

  it('reverts with PlazaSharesAlreadyClaimed on a second claim', async () => {
    const { version, tree } = await f.publishVersion(datasetId, holders);
    await f.claim(datasetId, version, tree, 0);
    const reason = await revertReason(
      f.plaza.simulate.claimShares(claimArgs(tree, 0, version), { account: roles.stranger }),
    );
    expect(reason).toEqual({
      errorName: 'PlazaSharesAlreadyClaimed',
      args: [datasetId, version, holders[0]!.account],
    });
  });

  it('reverts with PlazaInvalidProof on a wrong amount, account, index or proof', async () => {
    const { version, tree } = await f.publishVersion(datasetId, holders);
    const [id, v, index, account, amount, proof] = claimArgs(tree, 2, version);
    const attempts = [
      [id, v, index, account, amount + 1n, proof],
      [id, v, index, roles.stranger, amount, proof],
      [id, v, index + 1, account, amount, proof],
      [id, v, index, account, amount, tree.getProof(3)],
      [id, v, index, account, amount, []],
    ] as const;
    for (const args of attempts) {
      const reason = await revertReason(
        f.plaza.simulate.claimShares(args, { account: roles.stranger }),
      );
      expect(reason.errorName).toBe('PlazaInvalidProof');
    }
  });

  it('reverts with PlazaZeroShares on a zero amount', async () => {
    const { version, tree } = await f.publishVersion(datasetId, holders);
    const [id, v, index, account, , proof] = claimArgs(tree, 2, version);
    const reason = await revertReason(
      f.plaza.simulate.claimShares([id, v, index, account, 0n, proof], { account: roles.stranger }),
    );
    expect(reason.errorName).toBe('PlazaZeroShares');
  });

  it('reverts with PlazaVersionNotActive while pending, once revoked, and for unknown versions', async () => {
    const { version, tree } = await f.publishVersion(datasetId, holders, { activate: false });
    const pending = await revertReason(
      f.plaza.simulate.claimShares(claimArgs(tree, 0, version), { account: roles.stranger }),
    );
    expect(pending).toEqual({ errorName: 'PlazaVersionNotActive', args: [datasetId, version] });
    await f.send(f.plaza.write.revokeVersion([datasetId, version], { account: roles.guardian }));
    const revoked = await revertReason(
      f.plaza.simulate.claimShares(claimArgs(tree, 0, version), { account: roles.stranger }),
    );
    expect(revoked.errorName).toBe('PlazaVersionNotActive');
    const unknown = await revertReason(
      f.plaza.simulate.claimShares(claimArgs(tree, 0, 5), { account: roles.stranger }),
    );
    expect(unknown.errorName).toBe('PlazaVersionNotActive');
  });
});

describe('replays and bad roots', () => {
  it('rejects a leaf replayed from another version, even when the publisher reuses the root', async () => {
    const v1 = await f.publishVersion(datasetId, holders);
    await f.claim(datasetId, v1.version, v1.tree, 0);
    // v2 with the same holders has a different root (the version is inside every leaf).
    const v2 = await f.publishVersion(datasetId, holders);
    expect(v2.tree.root).not.toBe(v1.tree.root);
    const [, , index, account, amount, proof] = claimArgs(v1.tree, 1, v1.version);
    const replayed = await revertReason(
      f.plaza.simulate.claimShares([datasetId, v2.version, index, account, amount, proof], {
        account: roles.stranger,
      }),
    );
    expect(replayed.errorName).toBe('PlazaInvalidProof');
    // v3 republishes v1's exact root: its leaves say version 1, so nothing in it can be claimed as v3.
    const v3 = await f.publishVersion(datasetId, holders, { tree: v1.tree });
    const sameRoot = await revertReason(
      f.plaza.simulate.claimShares([datasetId, v3.version, index, account, amount, proof], {
        account: roles.stranger,
      }),
    );
    expect(sameRoot.errorName).toBe('PlazaInvalidProof');
  });

  it('rejects a leaf replayed from another dataset', async () => {
    const other = await f.registerDataset();
    const mine = await f.publishVersion(datasetId, holders);
    await f.publishVersion(other, holders, { tree: mine.tree });
    const [, v, index, account, amount, proof] = claimArgs(mine.tree, 1, mine.version);
    const reason = await revertReason(
      f.plaza.simulate.claimShares([other, v, index, account, amount, proof], {
        account: roles.stranger,
      }),
    );
    expect(reason.errorName).toBe('PlazaInvalidProof');
  });

  it('never lets claims pass the published total when the root holds more', async () => {
    // A bad (or malicious) root whose leaves sum to more than the total published with it.
    const tree = await buildSharesTree({ datasetId, version: 1n, holders });
    const total = tree.totalShares / 2n;
    const { version } = await f.publishVersion(datasetId, holders, { tree, totalShares: total });
    let claimed = 0n;
    let index = 0;
    for (; claimed + holders[index]!.amount <= total; index++) {
      await f.claim(datasetId, version, tree, index);
      claimed += holders[index]!.amount;
    }
    const reason = await revertReason(
      f.plaza.simulate.claimShares(claimArgs(tree, index, version), { account: roles.stranger }),
    );
    expect(reason).toEqual({
      errorName: 'PlazaClaimExceedsTotal',
      args: [datasetId, version, claimed, holders[index]!.amount, total],
    });
    expect((await f.plaza.read.getVersion([datasetId, version])).claimedShares).toBe(claimed);
  });

  it('lets a relayer claim for a holder; shares stay with the holder and cannot move', async () => {
    const { version, tree } = await f.publishVersion(datasetId, holders);
    await f.send(
      f.plaza.write.claimShares(claimArgs(tree, 5, version), { account: addressOf('relayer') }),
    );
    expect(await f.plaza.read.sharesOf([datasetId, version, holders[5]!.account])).toBe(
      holders[5]!.amount,
    );
    expect(await f.plaza.read.sharesOf([datasetId, version, addressOf('relayer')])).toBe(0n);
    // Shares are not a token: the ABI has no transfer of any kind.
    expect(
      f.plaza.abi.some(
        (item) => item.type === 'function' && /transfer(?!Publisher|Guardian)/i.test(item.name),
      ),
    ).toBe(false);
  });
});
