import { zeroAddress } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  chain = await startTestChain();
  f = await createPlazaFixture(chain);
  await chain.snapshot();
});
beforeEach(() => chain.revert());
afterAll(() => chain.stop());

const root = `0x${'ab'.repeat(32)}` as const;
const manifest = `0x${'cd'.repeat(32)}` as const;

/** L-4: a role moves only when the address it is offered to takes it, so a typo cannot lose it. */
describe('publisher hand-over (two steps)', () => {
  it('offers the role, keeps it with the publisher until accepted, then moves it', async () => {
    const id = await f.registerDataset();
    const next = addressOf('next-publisher');
    const offered = await f.send(
      f.plaza.write.transferPublisher([id, next], { account: roles.publisher }),
    );
    expect(eventsOf(offered, 'PublisherTransferStarted')[0]?.args).toEqual({
      datasetId: id,
      publisher: roles.publisher,
      pendingPublisher: next,
    });
    expect(await f.plaza.read.pendingPublisher([id])).toBe(next);
    // Until accepted, the publisher still publishes and the offered address cannot.
    expect((await f.plaza.read.getDataset([id])).publisher).toBe(roles.publisher);
    const early = await revertReason(
      f.plaza.simulate.proposeVersion([id, root, 1n, manifest, ''], { account: next }),
    );
    expect(early).toEqual({ errorName: 'PlazaNotPublisher', args: [id, next] });

    const accepted = await f.send(f.plaza.write.acceptPublisher([id], { account: next }));
    expect(eventsOf(accepted, 'PublisherTransferred')[0]?.args).toEqual({
      datasetId: id,
      previousPublisher: roles.publisher,
      newPublisher: next,
    });
    expect((await f.plaza.read.getDataset([id])).publisher).toBe(next);
    expect(await f.plaza.read.pendingPublisher([id])).toBe(zeroAddress);
    const old = await revertReason(
      f.plaza.simulate.proposeVersion([id, root, 1n, manifest, ''], { account: roles.publisher }),
    );
    expect(old).toEqual({ errorName: 'PlazaNotPublisher', args: [id, roles.publisher] });
    await f.send(f.plaza.write.proposeVersion([id, root, 1n, manifest, ''], { account: next }));
  });

  it('refuses strangers on both steps, a withdrawn offer, and a second acceptance', async () => {
    const id = await f.registerDataset();
    const next = addressOf('next-publisher');
    const stranger = await revertReason(
      f.plaza.simulate.transferPublisher([id, roles.stranger], { account: roles.stranger }),
    );
    expect(stranger.errorName).toBe('PlazaNotPublisher');
    await f.send(f.plaza.write.transferPublisher([id, next], { account: roles.publisher }));
    const wrong = await revertReason(
      f.plaza.simulate.acceptPublisher([id], { account: roles.stranger }),
    );
    expect(wrong).toEqual({ errorName: 'PlazaNotPendingRole', args: [roles.stranger] });
    // Withdrawn (offered to nobody): the old offer is void.
    await f.send(f.plaza.write.transferPublisher([id, zeroAddress], { account: roles.publisher }));
    const withdrawn = await revertReason(f.plaza.simulate.acceptPublisher([id], { account: next }));
    expect(withdrawn.errorName).toBe('PlazaNotPendingRole');
    await f.send(f.plaza.write.transferPublisher([id, next], { account: roles.publisher }));
    await f.send(f.plaza.write.acceptPublisher([id], { account: next }));
    const twice = await revertReason(f.plaza.simulate.acceptPublisher([id], { account: next }));
    expect(twice.errorName).toBe('PlazaNotPendingRole');
  });
});

describe('guardian hand-over (two steps)', () => {
  it('keeps the guardian until the successor accepts; then only the successor can revoke', async () => {
    const next = addressOf('next-guardian');
    const offered = await f.send(
      f.plaza.write.transferGuardian([next], { account: roles.guardian }),
    );
    expect(eventsOf(offered, 'GuardianTransferStarted')[0]?.args).toEqual({
      guardian: roles.guardian,
      pendingGuardian: next,
    });
    expect(await f.plaza.read.guardian()).toBe(roles.guardian);
    expect(await f.plaza.read.pendingGuardian()).toBe(next);
    const id = await f.registerDataset();
    await f.publishVersion(id, makeHolders(2), { activate: false });
    await f.publishVersion(id, makeHolders(2), { activate: false });
    // The pending guardian has no power yet; the guardian still does.
    const early = await revertReason(f.plaza.simulate.revokeVersion([id, 1], { account: next }));
    expect(early.errorName).toBe('PlazaNotRevoker');
    await f.send(f.plaza.write.revokeVersion([id, 1], { account: roles.guardian }));

    const accepted = await f.send(f.plaza.write.acceptGuardian({ account: next }));
    expect(eventsOf(accepted, 'GuardianTransferred')[0]?.args).toEqual({
      previousGuardian: roles.guardian,
      newGuardian: next,
    });
    expect(await f.plaza.read.guardian()).toBe(next);
    expect(await f.plaza.read.pendingGuardian()).toBe(zeroAddress);
    const old = await revertReason(
      f.plaza.simulate.revokeVersion([id, 2], { account: roles.guardian }),
    );
    expect(old.errorName).toBe('PlazaNotRevoker');
    await f.send(f.plaza.write.revokeVersion([id, 2], { account: next }));
  });

  it('refuses strangers on both steps and a withdrawn offer', async () => {
    const stranger = await revertReason(
      f.plaza.simulate.transferGuardian([roles.stranger], { account: roles.stranger }),
    );
    expect(stranger).toEqual({ errorName: 'PlazaNotGuardian', args: [roles.stranger] });
    const nobody = await revertReason(f.plaza.simulate.acceptGuardian({ account: roles.stranger }));
    expect(nobody).toEqual({ errorName: 'PlazaNotPendingRole', args: [roles.stranger] });
    const next = addressOf('next-guardian');
    await f.send(f.plaza.write.transferGuardian([next], { account: roles.guardian }));
    await f.send(f.plaza.write.transferGuardian([zeroAddress], { account: roles.guardian }));
    const withdrawn = await revertReason(f.plaza.simulate.acceptGuardian({ account: next }));
    expect(withdrawn.errorName).toBe('PlazaNotPendingRole');
    expect(await f.plaza.read.guardian()).toBe(roles.guardian);
  });
});
