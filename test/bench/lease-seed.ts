import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '../harness/mark-hosts-ready.ts';

/**
 * Fills the database with a service's history before the lease benchmark: `devices` registered
 * devices and `jobs` old jobs (80 % submitted, 20 % expired, in leases of 100 over 1,000 URLs of
 * a finished campaign), so the token lookup and the expiry sweep run against tables of that size.
 * One statement per table, generated in the database.
 */
export async function seedHistory(
  run: SqlRunner,
  params: { devices: number; jobs: number },
): Promise<void> {
  const leases = Math.ceil(params.jobs / 100);
  await run(
    `insert into devices (address, token_hash, registered_issued_at)
     select '0x' || lpad(to_hex(i), 40, '0'), md5(i::text) || md5((i + 1)::text), 1
     from generate_series(1, $1::int) as i`,
    [params.devices],
  );
  await run(
    `insert into campaigns (id, name, spec, status) values ('history', 'History', '{}'::jsonb, 'paused')`,
    [],
  );
  await run(
    `insert into frontier_urls (campaign_id, url, host, status)
     select 'history', 'https://old-' || i || '.example.org/', 'old-' || i || '.example.org', 'done'
     from generate_series(1, 1000) as i`,
    [],
  );
  await run(
    `insert into leases (id, device_address, created_at, expires_at)
     select 'old-lease-' || i, '0x' || lpad(to_hex(1 + i % $2::int), 40, '0'),
            now() - interval '2 hours', now() - interval '1 hour'
     from generate_series(1, $1::int) as i`,
    [leases, params.devices],
  );
  await run(
    `insert into jobs (id, lease_id, frontier_url_id, campaign_id, device_address, url, host, state,
                       created_at, expires_at)
     select 'old-job-' || i, 'old-lease-' || (1 + i / 100), f.id, 'history',
            '0x' || lpad(to_hex(1 + (i / 100) % $2::int), 40, '0'), f.url, f.host,
            case when i % 5 = 0 then 'expired' else 'submitted' end,
            now() - interval '2 hours', now() - interval '1 hour'
     from generate_series(0, $1::int - 1) as i
     join frontier_urls f on f.campaign_id = 'history' and f.url = 'https://old-' || (1 + i % 1000) || '.example.org/'`,
    [params.jobs, params.devices],
  );
}

/**
 * Test setup for the ingest beside the lease load: leases `count` queued URLs of `campaignId` to
 * `device` for an hour, as `leaseJobs` would (URLs leased, hosts closed), so batches signed for
 * them stay valid while the lease load runs with 5-second leases. Returns the jobs.
 */
export async function grantJobs(
  run: SqlRunner,
  params: { campaignId: string; device: string; count: number },
): Promise<{ jobId: string; url: string }[]> {
  const leaseId = randomUUID();
  const result = await run(
    `with picked as (
       select id, url, host from frontier_urls
       where campaign_id = $1 and status = 'queued' order by id limit $2
     ), new_lease as (
       insert into leases (id, device_address, created_at, expires_at)
       values ($3, $4, now(), now() + interval '1 hour') returning id
     ), leased_urls as (
       update frontier_urls f set status = 'leased', attempts = f.attempts + 1,
         lease_expires_at = now() + interval '1 hour'
       from picked p where f.id = p.id returning f.id
     ), closed_hosts as (
       update hosts h set next_fetch_at = now() + interval '1 hour'
       from picked p where h.host = p.host returning h.host
     )
     insert into jobs (id, lease_id, frontier_url_id, campaign_id, device_address, url, host,
                       created_at, expires_at)
     select gen_random_uuid()::text, (select id from new_lease), p.id, $1, $4, p.url, p.host,
            now(), now() + interval '1 hour'
     from picked p
     returning id, url`,
    [params.campaignId, params.count, leaseId, params.device],
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    id: string;
    url: string;
  }[];
  return rows.map((r) => ({ jobId: r.id, url: r.url }));
}
