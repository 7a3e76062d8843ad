import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoordinatorClient } from '@plaza/protocol';
import { requirePostgresServer } from '@plaza/test-kit/env';
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  type PostgresDatabase,
} from '../harness/create-postgres-database.ts';
import { generatePages } from '../harness/generate-pages.ts';
import { markHostsReady, postgresRunner } from '../harness/mark-hosts-ready.ts';
import { type DeviceSwarmResult, runDeviceSwarm } from '../harness/run-device-swarm.ts';
import {
  type CoordinatorProcess,
  startCoordinatorProcess,
} from '../harness/start-coordinator-process.ts';

/** A PostgreSQL server to create the spec's database on (required under CI). */
const postgresServer = requirePostgresServer();

const COORDINATORS = 3;
const DEVICES = 100;
const CAMPAIGN = 'scaleout';
/** Short, so the abandoned leases expire and return to the queue within the test. */
const LEASE_TTL_SECONDS = 10;
/** Devices 0, 20, 40, 60, 80 abandon their first lease. */
const ABANDON_EVERY = 20;

// 300 URLs over 150 hosts: 60 exact duplicates (20 %), 30 near-duplicates (10 %).
const site = generatePages({
  hosts: 150,
  urlsPerHost: 2,
  exactDuplicateRate: 0.2,
  nearDuplicateRate: 0.1,
  chars: 3000,
  seed: 2026,
});

describe.skipIf(postgresServer.skip)(
  `${COORDINATORS} coordinator processes on one PostgreSQL, ${DEVICES} devices${postgresServer.note}`,
  () => {
    let database: PostgresDatabase | undefined;
    const coordinators: CoordinatorProcess[] = [];
    const dataDirs: string[] = [];
    let swarm: DeviceSwarmResult;

    beforeAll(async () => {
      database = await createPostgresDatabase(postgresServer.value);
      const adminKey = `e2e-admin-${generatePrivateKey().slice(2, 34)}`;
      for (let i = 0; i < COORDINATORS; i++) {
        dataDirs.push(await mkdtemp(join(tmpdir(), `plaza-coordinator-${i}-`)));
      }
      const shared = {
        DATABASE_URL: database.url,
        PLAZA_ADMIN_KEY: adminKey,
        PLAZA_COORDINATOR_KEY: generatePrivateKey(),
        PLAZA_HOST: '127.0.0.1',
        PLAZA_PORT: '0',
        PLAZA_LOG_LEVEL: 'warn',
        PLAZA_CHAIN: 'off',
        PLAZA_LEASE_TTL_SECONDS: String(LEASE_TTL_SECONDS),
        PLAZA_MAX_ATTEMPTS: '5',
        PLAZA_DB_POOL: '8',
      };
      const started = await Promise.allSettled(
        dataDirs.map((dir) =>
          startCoordinatorProcess({
            env: { ...shared, PLAZA_DATA_DIR: dir },
            readyTimeoutMs: 90_000,
          }),
        ),
      );
      for (const s of started) if (s.status === 'fulfilled') coordinators.push(s.value);
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;

      // Test setup, not a production path: robots.txt of the fake hosts counts as fetched (empty).
      await markHostsReady(postgresRunner(database.sql), site.hosts);
      const admin = createCoordinatorClient({ baseUrl: coordinators[0]!.url, adminKey });
      const { frontier } = await admin.createCampaign({
        id: CAMPAIGN,
        name: 'Scale-out test',
        seeds: site.pages.map((page) => page.url),
        scope: { hosts: ['*.example.com'] },
        maxPages: 1000,
        politeness: { minDelayMs: 0 },
        labelSchema: { kind: 'classification', classes: ['news', 'other'] },
      });
      if (frontier.added !== site.pages.length) {
        throw new Error(`Only ${frontier.added} seeds queued: ${JSON.stringify(frontier.refused)}`);
      }

      swarm = await runDeviceSwarm({
        baseUrls: coordinators.map((c) => c.url),
        devices: DEVICES,
        pages: site.byUrl,
        abandonEvery: ABANDON_EVERY,
        deadlineMs: 100_000,
        maxLoopsPerDevice: 1_500,
        seed: 7,
      });
      console.info(
        `swarm: ${swarm.receipts.size} receipts in ${(swarm.elapsedMs / 1000).toFixed(1)} s; ` +
          `${swarm.leases} leases (${swarm.emptyLeases} empty), ${swarm.submits} submits; ` +
          `requests per coordinator ${[...swarm.requestsByCoordinator.values()].join('/')}; ` +
          `item errors ${JSON.stringify(Object.fromEntries(swarm.itemErrors))}; ` +
          `request errors ${swarm.requestErrors.length}`,
      );
    });

    afterAll(async () => {
      await Promise.all(coordinators.map((c) => c.stop()));
      if (process.env.PLAZA_TEST_KEEP_DB) console.info(`kept database ${database?.url}`);
      else await database?.drop();
      await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    it('drains the frontier through all three processes with valid receipts', async () => {
      const sql = database!.sql;
      expect([...swarm.remaining]).toEqual([]);
      expect(swarm.receipts.size).toBe(site.pages.length);
      expect(swarm.badReceiptSignatures).toBe(0);
      expect(swarm.requestErrors).toEqual([]);
      for (const count of swarm.requestsByCoordinator.values()) {
        expect(count).toBeGreaterThan(DEVICES / COORDINATORS);
      }
      const frontier = await sql<{ status: string; n: number }[]>`
        select status, count(*)::int as n from frontier_urls where campaign_id = ${CAMPAIGN}
        group by status`;
      expect(frontier.map((r) => ({ ...r }))).toEqual([{ status: 'done', n: site.pages.length }]);
    });

    it('never leases one URL twice at once, across processes and lease expiry', async () => {
      const sql = database!.sql;
      const overlaps = await sql`
        select a.id as a, b.id as b, a.url
        from jobs a join jobs b
          on b.frontier_url_id = a.frontier_url_id and a.id < b.id
         and a.created_at < b.expires_at and b.created_at < a.expires_at`;
      expect(overlaps.map((r) => ({ ...r }))).toEqual([]);
      // The abandoned leases expired and each of their URLs was leased again later and submitted:
      // the check above had expiry and re-leasing to check.
      const [expired] = await sql<{ n: number }[]>`
        select count(*)::int as n from jobs where state = 'expired'`;
      expect(swarm.abandonedJobs).toBeGreaterThan(0);
      expect(expired!.n).toBeGreaterThanOrEqual(swarm.abandonedJobs);
      const notReleased = await sql`
        select e.id, e.url from jobs e
        where e.state = 'expired' and not exists (
          select 1 from jobs s
          where s.frontier_url_id = e.frontier_url_id and s.state = 'submitted'
            and s.created_at >= e.expires_at)`;
      expect(notReleased.map((r) => ({ ...r }))).toEqual([]);
    });

    it('never has two jobs of one host in flight at once', async () => {
      const sql = database!.sql;
      // A job is in flight from its lease until its contribution was accepted, or until expiry.
      const overlaps = await sql`
        with flight as (
          select j.id, j.host, j.created_at as since, coalesce(c.created_at, j.expires_at) as until
          from jobs j left join contributions c on c.job_id = j.id
        )
        select a.id as a, b.id as b, a.host
        from flight a join flight b
          on b.host = a.host and a.id < b.id and a.since < b.until and b.since < a.until`;
      expect(overlaps.map((r) => ({ ...r }))).toEqual([]);
      const [hosts] = await sql<{ n: number }[]>`select count(distinct host)::int as n from jobs`;
      expect(hosts!.n).toBe(site.hosts.length);
    });

    it('submits each URL once, with one contribution and one receipt per submitted job', async () => {
      const sql = database!.sql;
      const perUrl = await sql<{ url: string; n: number }[]>`
        select f.url, count(c.id)::int as n
        from frontier_urls f
        left join jobs j on j.frontier_url_id = f.id
        left join contributions c on c.job_id = j.id
        group by f.url having count(c.id) <> 1`;
      expect(perUrl.map((r) => ({ ...r }))).toEqual([]);
      const perJob = await sql<
        { state: string; contributions: number; receipts: number; n: number }[]
      >`
        select state, contributions, receipts, count(*)::int as n from (
          select j.id, j.state, count(distinct c.id)::int as contributions,
                 count(r.contribution_id)::int as receipts
          from jobs j
          left join contributions c on c.job_id = j.id
          left join receipts r on r.contribution_id = c.id
          group by j.id, j.state
        ) t group by state, contributions, receipts order by state`;
      const submitted = perJob.filter((r) => r.state === 'submitted');
      expect(submitted.map((r) => ({ ...r }))).toEqual([
        { state: 'submitted', contributions: 1, receipts: 1, n: site.pages.length },
      ]);
      for (const other of perJob.filter((r) => r.state !== 'submitted')) {
        expect({ ...other, n: 0 }).toEqual({ ...other, contributions: 0, receipts: 0, n: 0 });
      }
      // Every receipt a device holds is stored, and nothing else is.
      const stored = await sql<{ id: string }[]>`select contribution_id as id from receipts`;
      expect(new Set(stored.map((r) => r.id))).toEqual(new Set(swarm.receipts.keys()));
    });

    it('stores each content once and joins duplicates to the first-seen copy', async () => {
      const sql = database!.sql;
      const twice = await sql`
        select campaign_id, content_hash, count(*)::int as n from items
        group by campaign_id, content_hash having count(*) > 1`;
      expect(twice.map((r) => ({ ...r }))).toEqual([]);

      const outcomes = Object.fromEntries(
        (
          await sql<{ outcome: string; n: number }[]>`
            select outcome, count(*)::int as n from contributions group by outcome`
        ).map((r) => [r.outcome, r.n]),
      );
      const nearCaught = outcomes.near_duplicate ?? 0;
      expect(nearCaught).toBe(site.expected.nearDuplicates);
      expect(outcomes.duplicate ?? 0).toBe(site.expected.exactDuplicates);
      expect(outcomes.fetch_failed ?? 0).toBe(0);
      const [items] = await sql<{ n: number }[]>`select count(*)::int as n from items`;
      expect(items!.n).toBe(site.expected.distinctTexts - nearCaught);
      expect((outcomes.accepted ?? 0) + (outcomes.low_quality ?? 0)).toBe(items!.n);

      // Each duplicate joined the item of its own content group, with the recorded similarity.
      const joined = await sql<
        { url: string; item_url: string; outcome: string; similarity: number | null }[]
      >`
        select c.url, i.url as item_url, c.outcome, c.similarity
        from contributions c join items i on i.id = c.item_id
        where c.outcome in ('duplicate', 'near_duplicate')`;
      expect(joined).toHaveLength(site.expected.exactDuplicates + site.expected.nearDuplicates);
      for (const row of joined) {
        expect(site.byUrl.get(row.item_url)?.group).toBe(site.byUrl.get(row.url)?.group);
        expect(row.item_url).not.toBe(row.url);
        if (row.outcome === 'near_duplicate') {
          expect(row.similarity).toBeGreaterThanOrEqual(0.7);
          expect(row.similarity).toBeLessThan(1);
        } else expect(row.similarity).toBe(1);
      }
      const [counted] = await sql<{ n: number }[]>`
        select coalesce(sum(duplicate_count), 0)::int as n from items`;
      expect(counted!.n).toBe(joined.length);
    });

    it('refuses the late submission of an expired lease', () => {
      expect(swarm.lateSubmissions.length).toBeGreaterThan(0);
      for (const late of swarm.lateSubmissions) {
        expect(late).toEqual({ code: 'LEASE_EXPIRED', status: 410 });
      }
    });
  },
);
