import type { Sql } from 'postgres';
import type { HeldLease, HeldReceipt } from './run-device-load.ts';

/** Two jobs of one URL whose leases overlapped in time. */
export interface DoubleLease {
  url: string;
  a: string;
  b: string;
  /** Where the overlap was seen: the jobs table, or the devices' own lease answers. */
  seenIn: 'database' | 'devices';
}

/** What broke the ingest guarantees; every list is empty on a correct run. */
export interface IngestViolations {
  /**
   * Receipts a device holds with no matching row: no receipt row for the contribution, or a
   * contribution of another job, device, URL or content.
   */
  lostReceipts: { contributionId: string; url: string; why: string }[];
  /** One URL leased to two jobs at once, in the database or as the devices saw it. */
  doubleLeases: DoubleLease[];
  /** The same normalized content stored as more than one item of a campaign (one row per extra). */
  duplicateItems: { campaignId: string; contentHash: string; items: number }[];
  /** URLs with more than one contribution stored. */
  urlsStoredTwice: { url: string; contributions: number }[];
}

/**
 * Checks a PostgreSQL database after a device load against what the devices hold: every receipt a
 * device was given is stored with its contribution (same job, device, URL and content hash); no
 * URL was leased to two jobs whose leases overlap (database: `created_at`–`expires_at`; devices:
 * answer time–`expiresAt`); no content is stored as two items; no URL has two contributions.
 */
export async function checkIngestInvariants(
  sql: Sql,
  held: { receipts: ReadonlyMap<string, HeldReceipt>; leases: readonly HeldLease[] },
): Promise<IngestViolations> {
  const stored = await sql<
    {
      id: string;
      job_id: string;
      device_address: string;
      url: string;
      content_hash: string;
      has_receipt: boolean;
    }[]
  >`
    select c.id, c.job_id, c.device_address, c.url, c.content_hash,
           (r.contribution_id is not null) as has_receipt
    from contributions c left join receipts r on r.contribution_id = c.id`;
  const byId = new Map(stored.map((row) => [row.id, row]));
  const lostReceipts: IngestViolations['lostReceipts'] = [];
  for (const [contributionId, { receipt, url, device }] of held.receipts) {
    const row = byId.get(contributionId);
    const why = !row
      ? 'no contribution'
      : !row.has_receipt
        ? 'no receipt row'
        : row.job_id !== receipt.jobId
          ? `job ${row.job_id}, receipt says ${receipt.jobId}`
          : row.device_address !== device.toLowerCase()
            ? `device ${row.device_address}`
            : row.url !== url
              ? `url ${row.url}`
              : stripHex(row.content_hash) !== stripHex(receipt.contentHash)
                ? 'other content'
                : undefined;
    if (why) lostReceipts.push({ contributionId, url, why });
  }

  const databaseOverlaps = await sql<{ url: string; a: string; b: string }[]>`
    select a.url, a.id as a, b.id as b
    from jobs a join jobs b
      on b.frontier_url_id = a.frontier_url_id and a.id < b.id
     and a.created_at < b.expires_at and b.created_at < a.expires_at`;
  const doubleLeases: DoubleLease[] = databaseOverlaps.map((row) => ({
    url: row.url,
    a: row.a,
    b: row.b,
    seenIn: 'database',
  }));
  const seenPairs = new Set(doubleLeases.map((d) => [d.a, d.b].sort().join(' ')));
  const leasesByUrl = new Map<string, HeldLease[]>();
  for (const lease of held.leases) {
    const list = leasesByUrl.get(lease.url) ?? [];
    list.push(lease);
    leasesByUrl.set(lease.url, list);
  }
  for (const [url, list] of leasesByUrl) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.jobId === b.jobId) continue;
        if (a.receivedAt < b.expiresAt && b.receivedAt < a.expiresAt) {
          const key = [a.jobId, b.jobId].sort().join(' ');
          if (seenPairs.has(key)) continue;
          seenPairs.add(key);
          doubleLeases.push({ url, a: a.jobId, b: b.jobId, seenIn: 'devices' });
        }
      }
    }
  }

  const duplicateItems = (
    await sql<{ campaign_id: string; content_hash: string; n: number }[]>`
      select campaign_id, content_hash, count(*)::int as n from items
      group by campaign_id, content_hash having count(*) > 1`
  ).map((row) => ({ campaignId: row.campaign_id, contentHash: row.content_hash, items: row.n }));

  const urlsStoredTwice = (
    await sql<{ url: string; n: number }[]>`
      select j.url, count(*)::int as n
      from contributions c join jobs j on j.id = c.job_id
      group by j.frontier_url_id, j.url having count(*) > 1`
  ).map((row) => ({ url: row.url, contributions: row.n }));

  return { lostReceipts, doubleLeases, duplicateItems, urlsStoredTwice };
}

/** The number of extra items: an item stored three times counts two. */
export function extraItems(duplicates: IngestViolations['duplicateItems']): number {
  return duplicates.reduce((sum, d) => sum + d.items - 1, 0);
}

function stripHex(hash: string): string {
  return hash.toLowerCase().replace(/^0x/, '');
}
