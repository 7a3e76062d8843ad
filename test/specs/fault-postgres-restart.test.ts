import { createCoordinatorClient } from '@plaza/protocol';
import { requirement, requirePostgresServer } from '@plaza/test-kit/env';
import postgres from 'postgres';
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
import {
  findPostgresBin,
  type PrivatePostgres,
  startPrivatePostgres,
} from '../harness/start-private-postgres.ts';

// The restart takes a private server away, never the shared one; a PostgreSQL server being set
// says that the PostgreSQL suites are wanted (CI sets one), and then PostgreSQL's server programs
// (initdb, pg_ctl) must be installed too.
const wanted = requirePostgresServer();
const binDir = findPostgresBin();
const programs = wanted.skip
  ? wanted
  : requirement(binDir, 'initdb and pg_ctl (install PostgreSQL or set PLAZA_PG_BIN)');
const skip = wanted.skip || programs.skip;
const skipNote = wanted.note || programs.note;

const COORDINATORS = 2;
const DEVICES = 40;
const CAMPAIGN = 'pgrestart';
const LEASE_TTL_SECONDS = 15;
/** The restart comes once this many submissions were answered: ingest is well under way. */
const RESTART_AFTER_SUBMITS = 30;
/** The least time the server stays down between `pg_ctl stop -m fast` and `pg_ctl start`. */
const DOWN_MS = 3_000;

// 300 URLs over 100 hosts, 10 % exact duplicates.
const site = generatePages({
  hosts: 100,
  urlsPerHost: 3,
  exactDuplicateRate: 0.1,
  chars: 1500,
  seed: 77,
});

describe.skipIf(skip)(
  `PostgreSQL restarted under load from ${DEVICES} devices on ${COORDINATORS} coordinators${skipNote}`,
  () => {
    let server: PrivatePostgres | undefined;
    let database: PostgresDatabase | undefined;
    let cluster: CoordinatorCluster | undefined;
    let front: RoundRobinFront | undefined;
    let load: DeviceLoadResult;
    let violations: IngestViolations;
    let pids: number[] = [];
    /** Answers while the database was away, by status and code. */
    const outageAnswers = new Map<string, number>();
    let restarted = false;

    beforeAll(async () => {
      server = await startPrivatePostgres(binDir ? { binDir } : {});
      database = await createPostgresDatabase(server.url);
      cluster = await startCoordinatorCluster({
        databaseUrl: database.url,
        processes: COORDINATORS,
        env: {
          PLAZA_LEASE_TTL_SECONDS: String(LEASE_TTL_SECONDS),
          PLAZA_MAX_ATTEMPTS: '10',
          PLAZA_DB_POOL: '6',
        },
      });
      pids = cluster.processes.map((p) => p.pid);
      await seedSiteCampaign({
        baseUrl: cluster.processes[0]!.url,
        adminKey: cluster.adminKey,
        sql: database.sql,
        id: CAMPAIGN,
        site,
      });

      // The restart, made certain by events rather than timing: once ingest is under way (at
      // most RESTART_AFTER_SUBMITS × 4 of the 300 pages acknowledged), every answer is held back
      // from the devices until the server has stopped, so pages are certainly left to submit
      // while the database is away; it stays away until a coordinator has answered that it is
      // unavailable (and at least DOWN_MS), then starts again.
      let submitsAnswered = 0;
      let outage: Promise<void> | undefined;
      let stopped: Promise<void> | undefined;
      let down = false;
      let sawUnavailable: () => void = () => {};
      const unavailable = new Promise<void>((resolve) => {
        sawUnavailable = resolve;
      });
      front = await startRoundRobinFront({
        backends: cluster.processes.map((p) => p.url),
        onResponse: (answer) => {
          if (down || (outage && !restarted)) {
            const code = answer.status === 200 ? 'ok' : errorCode(answer.body);
            const retryAfter = answer.headers['retry-after'];
            const key = `${answer.status} ${code}${retryAfter ? ` retry-after ${retryAfter}` : ''}`;
            outageAnswers.set(key, (outageAnswers.get(key) ?? 0) + 1);
            if (down && code === 'DATABASE_UNAVAILABLE') sawUnavailable();
          }
          if (answer.path.startsWith('/v1/contributions') && answer.status === 200) {
            submitsAnswered++;
          }
          if (submitsAnswered >= RESTART_AFTER_SUBMITS && !outage) {
            stopped = (async () => {
              down = true;
              await server!.stop('fast');
            })();
            outage = (async () => {
              await stopped;
              await Promise.all([
                unavailable,
                new Promise((resolve) => setTimeout(resolve, DOWN_MS)),
              ]);
              await server!.start();
              down = false;
              restarted = true;
            })();
          }
          // Until the server is down, nothing reaches the devices.
          if (stopped && !restarted) return stopped.then(() => 'forward' as const);
          return 'forward';
        },
      });

      load = await runDeviceLoad({
        baseUrl: front.url,
        devices: DEVICES,
        pages: site.byUrl,
        durationMs: 100_000,
        stopWhenDrained: true,
        seed: 3,
      });
      await outage;
      violations = await checkIngestInvariants(database.sql, load);
      console.info(
        `postgres restart: ${load.receipts.size} receipts in ${(load.elapsedMs / 1000).toFixed(1)} s; ` +
          `answers while down ${JSON.stringify(Object.fromEntries(outageAnswers))}; ` +
          `retries ${load.retries}; request errors ${JSON.stringify(load.requestErrors)} ` +
          `${JSON.stringify(load.errorMessages)}; ` +
          `item errors ${JSON.stringify(load.itemErrors)}`,
      );
    });

    afterAll(async () => {
      await front?.close();
      await cluster?.stop();
      await database?.drop().catch(() => {});
      await server?.close();
    });

    it('restarts PostgreSQL mid-ingest, and the devices retry and finish', () => {
      expect(restarted).toBe(true);
      expect([...load.remaining]).toEqual([]);
      expect(load.receipts.size).toBe(site.pages.length);
      // Requests failed while the database was away, and were retried.
      expect(load.retries).toBeGreaterThan(0);
      expect(load.abandonedBatches).toBe(load.requestErrors.LEASE_EXPIRED ?? 0);
    });

    it('answers 503 DATABASE_UNAVAILABLE with Retry-After while the database is away, never 500', () => {
      const codes = [...outageAnswers.keys()];
      const unavailable = codes.filter((key) => key.startsWith('503 DATABASE_UNAVAILABLE'));
      expect(unavailable.length).toBeGreaterThan(0);
      for (const key of unavailable) expect(key).toMatch(/ retry-after \d+$/);
      expect(codes.filter((key) => key.startsWith('5') && !unavailable.includes(key))).toEqual([]);
      expect(load.requestErrors.INTERNAL).toBeUndefined();
    });

    it('keeps every coordinator process up, answering again', async () => {
      expect(cluster!.processes.map((p) => p.pid)).toEqual(pids);
      for (const process of cluster!.processes) {
        expect(isAlive(process.pid), process.output()).toBe(true);
        const client = createCoordinatorClient({ baseUrl: process.url });
        const status = await client.status();
        expect(status).toBeDefined();
        const { campaign } = await client.getCampaign(CAMPAIGN);
        expect(campaign.id).toBe(CAMPAIGN);
      }
    });

    it('loses no acknowledged contribution and stores nothing twice', async () => {
      expect(violations.lostReceipts).toEqual([]);
      expect(violations.urlsStoredTwice).toEqual([]);
      expect(violations.duplicateItems).toEqual([]);
      expect(violations.doubleLeases).toEqual([]);
      const sql = database!.sql;
      const [stored] = await sql<{ n: number }[]>`select count(*)::int as n from receipts`;
      expect(stored!.n).toBe(site.pages.length);
      const [jobs] = await sql<{ n: number }[]>`
        select count(*)::int as n from jobs j
        where j.state = 'submitted' and not exists (select 1 from contributions c where c.job_id = j.id)`;
      expect(jobs!.n).toBe(0);
    });
  },
);

describe.skipIf(skip)(
  `the PostgreSQL driver when its server goes away mid-transaction${skipNote}`,
  () => {
    let server: PrivatePostgres | undefined;

    beforeAll(async () => {
      server = await startPrivatePostgres(binDir ? { binDir } : {});
    });
    afterAll(async () => {
      await server?.close();
    });

    // postgres-js 3.4.9 wrote to the dead socket of a transaction's reserved connection from a
    // setImmediate and threw where no one could catch it, killing the process (patched in
    // patches/postgres@3.4.9.patch): the ROLLBACK after the failed query must be a rejection.
    it('rejects the transaction with a connection error, and the pool works once it is back', async () => {
      const sql = postgres(server!.url, { max: 2, onnotice: () => {} });
      try {
        await sql`create table t (n int)`;
        const transaction = sql.begin(async (tx) => {
          await tx`insert into t values (1)`;
          await server!.stop('fast');
          await tx`insert into t values (2)`;
        });
        const error = (await transaction.then(
          () => undefined,
          (e: unknown) => e,
        )) as { code?: string } | undefined;
        expect(error?.code).toMatch(
          /^(CONNECTION_CLOSED|CONNECTION_DESTROYED|ECONNRESET|EPIPE|57P01)$/,
        );
        // A moment for a stray write of the dead connection to fire, which used to crash.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await server!.start();
        const rows = await sql<{ n: number }[]>`select count(*)::int as n from t`;
        expect(rows[0]!.n).toBe(0);
      } finally {
        await sql.end({ timeout: 5 });
      }
    });
  },
);

function errorCode(body: Buffer): string {
  try {
    return (JSON.parse(body.toString('utf8')) as { error: { code: string } }).error.code;
  } catch {
    return 'no-json';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
