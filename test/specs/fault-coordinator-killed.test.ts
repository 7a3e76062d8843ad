import type { Receipt } from '@plaza/protocol';
import { requirePostgresServer } from '@plaza/test-kit/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkIngestInvariants,
  type IngestViolations,
} from '../harness/check-ingest-invariants.ts';
import {
  createPostgresDatabase,
  type PostgresDatabase,
} from '../harness/create-postgres-database.ts';
import { generatePages } from '../harness/generate-pages.ts';
import { type RoundRobinFront, startRoundRobinFront } from '../harness/round-robin-front.ts';
import { type DeviceLoadResult, runDeviceLoad } from '../harness/run-device-load.ts';
import {
  type CoordinatorCluster,
  seedSiteCampaign,
  startCoordinatorCluster,
} from '../harness/start-coordinator-cluster.ts';

/** A PostgreSQL server to create the spec's database on (required under CI). */
const postgresServer = requirePostgresServer();

const COORDINATORS = 3;
/** The process that is killed: its answers go through the front like the others'. */
const VICTIM = 2;
const DEVICES = 60;
const CAMPAIGN = 'kill9';
/** The shortest lease the coordinator allows: the victim's lost leases come back within seconds. */
const LEASE_TTL_SECONDS = 5;

// 360 URLs over 120 hosts, 10 % exact duplicates: "stored twice" has something to catch.
const site = generatePages({
  hosts: 120,
  urlsPerHost: 3,
  exactDuplicateRate: 0.1,
  chars: 1500,
  seed: 99,
});

interface LeaseAnswer {
  lease: { jobs: { jobId: string; url: string }[] };
}
interface SubmitAnswer {
  results: ({ ok: true; receipt: Receipt } | { ok: false })[];
}

describe.skipIf(postgresServer.skip)(
  `kill -9 of one of ${COORDINATORS} coordinator processes during ingest${postgresServer.note}`,
  () => {
    let database: PostgresDatabase | undefined;
    let cluster: CoordinatorCluster | undefined;
    let front: RoundRobinFront | undefined;
    let load: DeviceLoadResult;
    let violations: IngestViolations;
    /** Jobs whose lease the victim committed, in answers that never reached a device. */
    const lostLeaseJobs: { jobId: string; url: string }[] = [];
    /** Receipts the victim issued (and committed) in an answer that never reached the device. */
    const lostAnswerReceipts: Receipt[] = [];
    /** Which backend answered each lease, by job id. */
    const leasedBy = new Map<string, number>();
    let killedAt = 0;
    /** Submissions the front had seen answered when the kill came. */
    let killedAfterSubmits = 0;
    let submitsAnswered = 0;
    let victimPid = 0;

    beforeAll(async () => {
      database = await createPostgresDatabase(postgresServer.value);
      cluster = await startCoordinatorCluster({
        databaseUrl: database.url,
        processes: COORDINATORS,
        env: {
          PLAZA_LEASE_TTL_SECONDS: String(LEASE_TTL_SECONDS),
          PLAZA_MAX_ATTEMPTS: '10',
          PLAZA_DB_POOL: '6',
        },
      });
      const victim = cluster.processes[VICTIM]!;
      victimPid = victim.pid;
      await seedSiteCampaign({
        baseUrl: cluster.processes[0]!.url,
        adminKey: cluster.adminKey,
        sql: database.sql,
        id: CAMPAIGN,
        site,
      });

      // The crash, made deterministic by events rather than timing: the victim's first lease
      // answer with jobs is withheld (the jobs are committed as leased, the answer never
      // leaves); then its first accepted submission after that is withheld too, and the process
      // is killed with SIGKILL at that very moment, while its committed receipts are provably in
      // flight and other devices are mid-batch. 360 pages over 120 hosts, with one job per host
      // in flight, cannot all be leased before a first submission is answered, so both events
      // happen with pages left to crawl; the devices keep going until every page has a receipt,
      // which includes the lost lease's pages after it expires.
      let killing: Promise<void> | undefined;
      front = await startRoundRobinFront({
        backends: cluster.processes.map((p) => p.url),
        onResponse: (answer) => {
          if (answer.status !== 200) return 'forward';
          if (answer.path.startsWith('/v1/leases')) {
            const { lease } = JSON.parse(answer.body.toString('utf8')) as LeaseAnswer;
            for (const job of lease.jobs) leasedBy.set(job.jobId, answer.backend);
            if (answer.backend === VICTIM && lease.jobs.length > 0 && lostLeaseJobs.length === 0) {
              lostLeaseJobs.push(...lease.jobs);
              return 'drop';
            }
          }
          if (answer.path.startsWith('/v1/contributions')) {
            submitsAnswered++;
            const armed = lostLeaseJobs.length > 0 && !killing;
            if (armed && answer.backend === VICTIM) {
              const { results } = JSON.parse(answer.body.toString('utf8')) as SubmitAnswer;
              const receipts = results.flatMap((r) => (r.ok ? [r.receipt] : []));
              if (receipts.length > 0) {
                lostAnswerReceipts.push(...receipts);
                killedAt = Date.now();
                killedAfterSubmits = submitsAnswered;
                killing = victim.kill9();
                return 'drop';
              }
            }
          }
          return 'forward';
        },
      });

      load = await runDeviceLoad({
        baseUrl: front.url,
        devices: DEVICES,
        pages: site.byUrl,
        durationMs: 110_000,
        stopWhenDrained: true,
        seed: 5,
      });
      await killing;
      violations = await checkIngestInvariants(database.sql, load);
      console.info(
        `kill -9: ${load.receipts.size} receipts in ${(load.elapsedMs / 1000).toFixed(1)} s; ` +
          `answered per backend ${front.answered.join('/')}, refused ${front.refused.join('/')}, ` +
          `lost ${front.lost.join('/')}, dropped ${front.dropped.join('/')}; ` +
          `retries ${load.retries}; request errors ${JSON.stringify(load.requestErrors)}; ` +
          `item errors ${JSON.stringify(load.itemErrors)}`,
      );
    });

    afterAll(async () => {
      await front?.close();
      await cluster?.stop();
      if (process.env.PLAZA_TEST_KEEP_DB) console.info(`kept database ${database?.url}`);
      else await database?.drop();
    });

    it('kills the victim mid-ingest, and the devices finish on the surviving processes', () => {
      expect(killedAt).toBeGreaterThan(0);
      // Mid-ingest: the surviving processes answered submissions after the kill.
      expect(killedAfterSubmits).toBeLessThan(submitsAnswered);
      expect(isAlive(victimPid)).toBe(false);
      expect([...load.remaining]).toEqual([]);
      // A batch is given up only when its lease expired while the device waited to resend it
      // (its work is then not acknowledged, and the URL is leased again); every other failure was
      // a lost connection (the killed process's, or a kept-alive one closing), retried.
      expect(load.abandonedBatches).toBe(load.requestErrors.LEASE_EXPIRED ?? 0);
      expect(load.requestErrors.BACKEND_LOST).toBeGreaterThan(0);
      const otherErrors = Object.keys(load.requestErrors).filter(
        (code) => !['BACKEND_LOST', 'LEASE_EXPIRED', 'NETWORK'].includes(code),
      );
      expect(otherErrors).toEqual([]);
      // The front found the dead process refusing connections and sent its requests elsewhere.
      expect(front!.refused[VICTIM]).toBeGreaterThan(0);
      for (const [index] of cluster!.processes.entries()) {
        if (index !== VICTIM) expect(front!.answered[index]).toBeGreaterThan(DEVICES);
      }
      // Devices retried what the crash cut off: at least the withheld submission.
      expect(load.retries).toBeGreaterThan(0);
      expect(front!.dropped[VICTIM]).toBe(2);
    });

    it('loses no acknowledged contribution: every receipt a device holds is stored', async () => {
      expect(violations.lostReceipts).toEqual([]);
      const [stored] = await database!.sql<{ n: number }[]>`
        select count(*)::int as n from receipts`;
      expect(stored!.n).toBe(load.receipts.size);
      expect(load.receipts.size).toBe(site.pages.length);
    });

    it('gives the device the same receipts again when the answer was lost with the process', () => {
      expect(lostAnswerReceipts.length).toBeGreaterThan(0);
      for (const receipt of lostAnswerReceipts) {
        expect(load.receipts.get(receipt.contributionId)?.receipt).toEqual(receipt);
      }
    });

    it('stores nothing twice and leases no URL twice at once', () => {
      expect(violations.urlsStoredTwice).toEqual([]);
      expect(violations.duplicateItems).toEqual([]);
      expect(violations.doubleLeases).toEqual([]);
    });

    it("returns the killed process's lost leases to the queue after expiry, for the others", async () => {
      const sql = database!.sql;
      expect(lostLeaseJobs.length).toBeGreaterThan(0);
      const ids = lostLeaseJobs.map((job) => job.jobId);
      const lost = await sql<{ id: string; state: string; frontier_url_id: number }[]>`
        select id, state, frontier_url_id::int from jobs where id = any(${ids})`;
      expect(lost.map((row) => row.state)).toEqual(lost.map(() => 'expired'));
      expect(lost).toHaveLength(ids.length);
      // Each of their URLs was leased again after the lost lease expired, through a surviving
      // process, and that job was submitted.
      const later = await sql<{ lost: string; id: string; state: string }[]>`
        select e.id as lost, j.id, j.state
        from jobs e join jobs j
          on j.frontier_url_id = e.frontier_url_id and j.created_at >= e.expires_at
        where e.id = any(${ids}) and j.state = 'submitted'`;
      expect(new Set(later.map((row) => row.lost))).toEqual(new Set(ids));
      for (const row of later) {
        expect(leasedBy.get(row.id)).toBeDefined();
        expect(leasedBy.get(row.id)).not.toBe(VICTIM);
      }
    });
  },
);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
