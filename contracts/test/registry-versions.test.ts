import { zeroAddress, zeroHash } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { versionStatus } from '../src/enums.ts';
import { revertReason, startTestChain, type TestChain } from './support/chain.ts';
import {
  createPlazaFixture,
  DAY,
  eventsOf,
  makeHolders,
  type PlazaFixture,
  roles,
} from './support/plaza-fixture.ts';

let chain: TestChain;
let f: PlazaFixture;

beforeAll(async () => {
  chain = await startTestChain();
  f = await createPlazaFixture(chain);
  await chain.snapshot();
});
beforeEach(() => chain.revert());
afterAll(() => chain.stop());

const root = `0x${'ab'.repeat(32)}` as const;
const manifest = `0x${'cd'.repeat(32)}` as const;

describe('proposeVersion', () => {
  it('stores a pending version and emits VersionProposed', async () => {
    const id = await f.registerDataset();
    const receipt = await f.send(
      f.plaza.write.proposeVersion([id, root, 1_000n, manifest, 'ipfs://m'], {
        account: roles.publisher,
      }),
    );
    const now = await chain.now();
    const [event] = eventsOf(receipt, 'VersionProposed');
    expect(event?.args).toEqual({
      datasetId: id,
      version: 1,
      sharesRoot: root,
      totalShares: 1_000n,
      manifestHash: manifest,
      manifestURI: 'ipfs://m',
      activatesAt: Number(now) + DAY,
      claimDeadline: Number(now) + DAY + 365 * DAY,
    });
    expect(await f.plaza.read.getVersion([id, 1])).toEqual({
      sharesRoot: root,
      totalShares: 1_000n,
      claimedShares: 0n,
      activatesAt: Number(now) + DAY,
      status: versionStatus.pending,
      claimPeriodDays: 365,
      manifestHash: manifest,
      proposalCount: 0,
      sweepTo: zeroAddress,
    });
    expect(await f.plaza.read.claimDeadline([id, 1])).toBe(Number(now) + 366 * DAY);
    expect(await f.plaza.read.sweepDestination([id, 1])).toBe(roles.treasury);
    expect((await f.plaza.read.getDataset([id])).versionCount).toBe(1);
  });

  it('reverts on a zero root, a zero total, a stranger and an unknown dataset', async () => {
    const id = await f.registerDataset();
    const w = (args: readonly [bigint, `0x${string}`, bigint], account = roles.publisher) =>
      revertReason(
        f.plaza.simulate.proposeVersion([args[0], args[1], args[2], manifest, ''], { account }),
      );
    expect((await w([id, zeroHash, 1n])).errorName).toBe('PlazaZeroSharesRoot');
    expect((await w([id, root, 0n])).errorName).toBe('PlazaZeroTotalShares');
    expect((await w([id, root, 1n], roles.stranger)).errorName).toBe('PlazaNotPublisher');
    expect((await w([7n, root, 1n])).errorName).toBe('PlazaUnknownDataset');
  });
});

describe('activateVersion', () => {
  it('activates after the timelock, by anyone, once', async () => {
    const id = await f.registerDataset();
    await f.publishVersion(id, makeHolders(2), { activate: false });
    const early = await revertReason(
      f.plaza.simulate.activateVersion([id, 1], { account: roles.stranger }),
    );
    expect(early.errorName).toBe('PlazaTimelockNotElapsed');
    await chain.warp(DAY);
    const receipt = await f.send(
      f.plaza.write.activateVersion([id, 1], { account: roles.stranger }),
    );
    expect(eventsOf(receipt, 'VersionActivated')[0]?.args).toEqual({ datasetId: id, version: 1 });
    expect((await f.plaza.read.getVersion([id, 1])).status).toBe(versionStatus.active);
    const again = await revertReason(
      f.plaza.simulate.activateVersion([id, 1], { account: roles.stranger }),
    );
    expect(again).toEqual({
      errorName: 'PlazaVersionNotPending',
      args: [id, 1, versionStatus.active],
    });
  });

  it('reverts for unknown versions', async () => {
    const id = await f.registerDataset();
    const reason = await revertReason(
      f.plaza.simulate.activateVersion([id, 1], { account: roles.stranger }),
    );
    expect(reason).toEqual({ errorName: 'PlazaUnknownVersion', args: [id, 1] });
  });

  it('opens claims and votes when the timelock ends, whether or not anyone activates', async () => {
    const id = await f.registerDataset();
    const holders = makeHolders(2);
    const { tree } = await f.publishVersion(id, holders, { activate: false });
    expect(await f.plaza.read.versionStatus([id, 1])).toBe(versionStatus.pending);
    const early = await revertReason(
      f.plaza.simulate.claimShares(
        [id, 1, 0, holders[0]!.account, holders[0]!.amount, tree.getProof(0)],
        { account: roles.stranger },
      ),
    );
    expect(early).toEqual({ errorName: 'PlazaVersionNotActive', args: [id, 1] });
    await chain.warp(DAY - 2);
    expect(await f.plaza.read.versionStatus([id, 1])).toBe(versionStatus.pending);
    await chain.warp(2);
    // Stored status unchanged; the version is open.
    expect((await f.plaza.read.getVersion([id, 1])).status).toBe(versionStatus.pending);
    expect(await f.plaza.read.versionStatus([id, 1])).toBe(versionStatus.active);
    await f.claim(id, 1, tree, 0);
    const { proposalId } = await f.proposeLicense(id, 1);
    await f.send(f.plaza.write.vote([proposalId, true], { account: holders[0]!.account }));
    // Recording the activation later changes nothing but the stored status.
    await f.send(f.plaza.write.activateVersion([id, 1], { account: roles.stranger }));
    expect((await f.plaza.read.getVersion([id, 1])).status).toBe(versionStatus.active);
  });
});

describe('revokeVersion', () => {
  it('lets the guardian revoke during the timelock; the version can then never activate', async () => {
    const id = await f.registerDataset();
    await f.publishVersion(id, makeHolders(2), { activate: false });
    const receipt = await f.send(f.plaza.write.revokeVersion([id, 1], { account: roles.guardian }));
    expect(eventsOf(receipt, 'VersionRevoked')[0]?.args).toEqual({
      datasetId: id,
      version: 1,
      by: roles.guardian,
    });
    expect((await f.plaza.read.getVersion([id, 1])).status).toBe(versionStatus.revoked);
    await chain.warp(DAY);
    expect(await f.plaza.read.versionStatus([id, 1])).toBe(versionStatus.revoked);
    const reason = await revertReason(
      f.plaza.simulate.activateVersion([id, 1], { account: roles.stranger }),
    );
    expect(reason).toEqual({
      errorName: 'PlazaVersionNotPending',
      args: [id, 1, versionStatus.revoked],
    });
  });

  it('lets the publisher revoke its own pending version', async () => {
    const id = await f.registerDataset();
    await f.publishVersion(id, makeHolders(2), { activate: false });
    await f.send(f.plaza.write.revokeVersion([id, 1], { account: roles.publisher }));
    expect((await f.plaza.read.getVersion([id, 1])).status).toBe(versionStatus.revoked);
  });

  it('reverts for strangers, after the timelock, for active and unknown versions', async () => {
    const id = await f.registerDataset();
    await f.publishVersion(id, makeHolders(2), { activate: false });
    const stranger = await revertReason(
      f.plaza.simulate.revokeVersion([id, 1], { account: roles.stranger }),
    );
    expect(stranger).toEqual({ errorName: 'PlazaNotRevoker', args: [id, roles.stranger] });
    await chain.warp(DAY);
    const late = await revertReason(
      f.plaza.simulate.revokeVersion([id, 1], { account: roles.guardian }),
    );
    expect(late.errorName).toBe('PlazaTimelockElapsed');
    await f.send(f.plaza.write.activateVersion([id, 1], { account: roles.stranger }));
    const active = await revertReason(
      f.plaza.simulate.revokeVersion([id, 1], { account: roles.guardian }),
    );
    expect(active.errorName).toBe('PlazaVersionNotPending');
    const unknown = await revertReason(
      f.plaza.simulate.revokeVersion([id, 2], { account: roles.guardian }),
    );
    expect(unknown.errorName).toBe('PlazaUnknownVersion');
  });
});
