import type { Db } from '@plaza/db';
import { createCampaignRequestSchema, labelValueSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';

/**
 * Invariants of the database that no request may break, each a query counting the rows that
 * break it. They cover what foreign keys cannot: ingest writes contributions, receipts, items and
 * job states together; labels, tasks and their counters move together; leases and claims point at
 * things that exist; stored JSON is what the protocol allows.
 */
const invariants: Record<string, ReturnType<typeof sql>> = {
  'every contribution has its receipt': sql`
    select count(*)::int as n from contributions c
    where not exists (select 1 from receipts r where r.contribution_id = c.id)`,
  'every contribution batch has its contributions': sql`
    select count(*)::int as n from contribution_batches b
    where not exists (select 1 from contributions c where c.batch_id = b.id)`,
  'a receipt batch covers no more receipts than it counts': sql`
    select count(*)::int as n from receipt_batches b
    where (select count(*) from receipts r where r.batch_id = b.id) > b.count`,
  'a contribution points at an item that exists': sql`
    select count(*)::int as n from contributions c
    where c.item_id is not null and not exists (select 1 from items i where i.id = c.item_id)`,
  'an accepted contribution became an item': sql`
    select count(*)::int as n from contributions c
    where c.outcome = 'accepted'
      and not exists (select 1 from items i where i.id = c.item_id and i.contribution_id = c.id)`,
  'a submitted job has its contribution, and only a submitted job has one': sql`
    select count(*)::int as n from jobs j
    where (j.state = 'submitted') <> exists (select 1 from contributions c where c.job_id = j.id)`,
  'no URL is leased twice': sql`
    select count(*)::int as n from (
      select frontier_url_id from jobs where state = 'leased'
      group by frontier_url_id having count(*) > 1) d`,
  // A leased URL without a job is a claim of a process's ready queue (leases/claim-ready-urls.ts):
  // it carries the claim's expiry, at which the sweep returns it.
  'a leased frontier URL has a leased job, or is a claim with its expiry': sql`
    select count(*)::int as n from frontier_urls f
    where f.status = 'leased' and f.lease_expires_at is null
      and not exists (select 1 from jobs j where j.frontier_url_id = f.id and j.state = 'leased')`,
  'a lease has jobs': sql`
    select count(*)::int as n from leases l
    where not exists (select 1 from jobs j where j.lease_id = l.id)`,
  'duplicate counts match the duplicates': sql`
    select count(*)::int as n from items i
    where i.duplicate_count <> (select count(*) from contributions c
      where c.item_id = i.id and c.outcome in ('duplicate', 'near_duplicate'))`,
  'no label without a task': sql`
    select count(*)::int as n from labels l
    where not exists (select 1 from label_tasks t where t.item_id = l.item_id)`,
  'a task counts its labels': sql`
    select count(*)::int as n from label_tasks t
    where t.labels_count <> (select count(*) from labels l where l.item_id = t.item_id)`,
  'labels, tasks, pre-labels and aggregates are in their item campaign': sql`
    select ((select count(*) from labels x join items i on i.id = x.item_id
              where x.campaign_id <> i.campaign_id)
         + (select count(*) from label_tasks x join items i on i.id = x.item_id
              where x.campaign_id <> i.campaign_id)
         + (select count(*) from prelabels x join items i on i.id = x.item_id
              where x.campaign_id <> i.campaign_id)
         + (select count(*) from label_aggregates x join items i on i.id = x.item_id
              where x.campaign_id <> i.campaign_id))::int as n`,
  'no label lease without a task': sql`
    select count(*)::int as n from label_leases l
    where not exists (select 1 from label_tasks t where t.item_id = l.item_id)`,
  'gold records add up': sql`
    select count(*)::int as n from labeler_campaigns
    where gold_correct < 0 or gold_answered < 0 or gold_correct > gold_answered`,
  'a payout link has its nonce': sql`
    select count(*)::int as n from devices
    where payout_nonce < 0 or (payout_address is not null and payout_nonce = 0)`,
  "a device's payout is its last recorded change": sql`
    select count(*)::int as n from devices d
    join lateral (select * from device_payout_events e where e.device_address = d.address
                  order by e.nonce desc limit 1) e on true
    where e.nonce <> d.payout_nonce or e.payout_address is distinct from d.payout_address`,
  'a pre-label claim belongs to a lease': sql`
    select count(*)::int as n from prelabel_claims c
    where not exists (select 1 from prelabel_leases l where l.id = c.lease_id)`,
  'a session is for an address': sql`
    select count(*)::int as n from sessions where address !~ '^0x[0-9a-f]{40}$'`,
};

/** The broken invariants (name and count of offending rows), empty when the database is sound. */
export async function checkConsistency(db: Db): Promise<string[]> {
  const broken: string[] = [];
  for (const [name, query] of Object.entries(invariants)) {
    const [row] = await db.rows<{ n: number }>(query);
    const n = row?.n ?? 0;
    if (n > 0) broken.push(`${name}: ${n} rows`);
  }
  // Stored JSON must be what the protocol accepts: bad input never reaches a row.
  const campaigns = await db.rows<{ id: string; spec: unknown }>(
    sql`select id, spec from campaigns`,
  );
  for (const campaign of campaigns) {
    if (!createCampaignRequestSchema.safeParse(campaign.spec).success) {
      broken.push(`campaign ${campaign.id} has a spec the protocol refuses`);
    }
  }
  const values = await db.rows<{ id: string; value: unknown; classes: number }>(sql`
    select x.id, x.value, jsonb_array_length(c.spec->'labelSchema'->'classes') as classes
    from (select id, value, campaign_id from labels
          union all select item_id::text, value, campaign_id from prelabels
          union all select item_id::text, value, campaign_id from label_aggregates
          union all select item_id::text, gold_value, campaign_id from label_tasks
            where gold_value is not null) x
    join campaigns c on c.id = x.campaign_id`);
  for (const row of values) {
    const parsed = labelValueSchema.safeParse(row.value);
    const value = parsed.success ? parsed.data : null;
    const used = !value
      ? []
      : value.kind === 'classification'
        ? [value.class]
        : value.kind === 'multi-label'
          ? value.classes
          : value.spans.map((span) => span.class);
    if (!value || used.some((c) => c >= row.classes)) {
      broken.push(`label value ${row.id} is not one of its campaign: ${JSON.stringify(row.value)}`);
    }
  }
  return broken;
}

const countQueries = new WeakMap<Db, Promise<string>>();

/** One query counting the rows of every table of the schema (built once per database). */
function countQuery(db: Db): Promise<string> {
  let query = countQueries.get(db);
  if (!query) {
    query = db
      .rows<{ name: string }>(sql`
        select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)
      .then((tables) =>
        tables
          .map((t) => `select '${t.name}' as name, count(*)::int as n from "${t.name}"`)
          .join(' union all '),
      );
    countQueries.set(db, query);
  }
  return query;
}

/** Row counts of every table, to tell whether a refused request wrote anything. */
export async function tableRowCounts(db: Db): Promise<Record<string, number>> {
  const query = await countQuery(db);
  if (query === '') return {};
  const rows = await db.rows<{ name: string; n: number }>(sql.raw(query));
  return Object.fromEntries(rows.map((row) => [row.name, row.n]));
}
