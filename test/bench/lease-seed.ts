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
