import { jobs, leases } from '@plaza/db';
import { readBody } from '@plaza/test-kit/http';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { deleteOldJobs } from './delete-old-jobs.ts';
import { expireLeases } from './expire-leases.ts';

type LeaseBody = { lease: { id: string; jobs: { jobId: string; url: string }[] } };

describe('deleteOldJobs', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('deletes expired jobs past the retention and their leases, and keeps the rest', async () => {
    t = await createTestApp({ env: { PLAZA_JOB_RETENTION_HOURS: '1', PLAZA_MAX_ATTEMPTS: '5' } });
    await seedCampaign(t, { seeds: ['https://news.example.com/a', 'https://blog.example.org/b'] });
    const device = await registerTestDevice(t);
    const old = (await readBody(device.lease())) as LeaseBody;
    expect(old.lease.jobs).toHaveLength(2);
    t.clock.advance(121_000);
    await expireLeases(t.deps);
    t.clock.advance(3_600_000);
    // Leased again after the first jobs expired: these are recent and still leased.
    const recent = (await readBody(device.lease())) as LeaseBody;
    expect(recent.lease.jobs).toHaveLength(2);

    expect(await deleteOldJobs(t.deps)).toEqual({ jobs: 2, leases: 1 });
    const left = await t.deps.db.db.select({ id: jobs.id, leaseId: jobs.leaseId }).from(jobs);
    expect(left.map((j) => j.leaseId)).toEqual([recent.lease.id, recent.lease.id]);
    const leaseIds = (await t.deps.db.db.select({ id: leases.id }).from(leases)).map((l) => l.id);
    expect(leaseIds).toEqual([recent.lease.id]);
    expect(await deleteOldJobs(t.deps)).toEqual({ jobs: 0, leases: 0 });
  });
});
