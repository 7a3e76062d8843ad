import { zeroAddress, zeroHash } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { versionStatus } from '../src/enums.ts';
import { addressOf, revertReason, startTestChain, type TestChain } from './support/chain.ts';
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
    });
    expect(await f.plaza.read.getVersion([id, 1])).toEqual({
      sharesRoot: root,
      totalShares: 1_000n,
      claimedShares: 0n,
      activatesAt: Number(now) + DAY,
      status: versionStatus.pending,
      manifestHash: manifest,
      proposalCount: 0,
    });
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

  it('activates at once with a zero timelock', async () => {
    const id = await f.registerDataset({ rootTimelock: 0 });
    await f.send(
      f.plaza.write.proposeVersion([id, root, 1n, manifest, ''], { account: roles.publisher }),
    );
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

describe('transferGuardian', () => {
  it('hands the role over; only the new guardian can then revoke', async () => {
    const next = addressOf('next-guardian');
    const receipt = await f.send(
      f.plaza.write.transferGuardian([next], { account: roles.guardian }),
    );
    expect(eventsOf(receipt, 'GuardianTransferred')[0]?.args).toEqual({
      previousGuardian: roles.guardian,
      newGuardian: next,
    });
    expect(await f.plaza.read.guardian()).toBe(next);
    const id = await f.registerDataset();
    await f.publishVersion(id, makeHolders(2), { activate: false });
    const old = await revertReason(
      f.plaza.simulate.revokeVersion([id, 1], { account: roles.guardian }),
    );
    expect(old.errorName).toBe('PlazaNotRevoker');
    await f.send(f.plaza.write.revokeVersion([id, 1], { account: next }));
  });

  it('reverts for anyone but the guardian and for the zero address', async () => {
    const stranger = await revertReason(
      f.plaza.simulate.transferGuardian([roles.stranger], { account: roles.stranger }),
    );
    expect(stranger).toEqual({ errorName: 'PlazaNotGuardian', args: [roles.stranger] });
    const zero = await revertReason(
      f.plaza.simulate.transferGuardian([zeroAddress], { account: roles.guardian }),
    );
    expect(zero.errorName).toBe('PlazaZeroAddress');
  });
});
