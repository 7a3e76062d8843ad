import {
  buildContribution,
  type CampaignSpec,
  type Job,
  type ParsedContributionItem,
  submitContributionsRequestSchema,
} from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import { keccak256 } from 'viem';
import { readSpec } from '../campaigns/read-spec.ts';
import { unixSeconds } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { submitContributions } from '../ingest/submit-contributions.ts';
import { leaseJobs } from '../leases/lease-jobs.ts';
import { extractPage } from './extract-page.ts';
import type { PageFetcher, PageResult } from './page-fetcher.ts';
import type { ServerWorker } from './register-server-worker.ts';

/** What one server crawl round did. */
export interface ServerCrawlRoundResult {
  leased: number;
  submitted: number;
  /** Jobs left to expire (refused by the egress policy, network failures), as an extension does. */
  abandoned: number;
}

/** Failures reported to the coordinator with their status and no text, like the extension's. */
const REPORTED = new Set(['TOO_LARGE', 'CONTENT_TYPE_REFUSED']);

/**
 * One round of server crawling: for each active campaign with `serverCrawl: true`, the worker
 * leases jobs through the same `leaseJobs` use case as extensions (same frontier, one job per
 * ready host, robots.txt known and obeyed, the host closed until the result is in and then for
 * the campaign's delay or its Crawl-delay), fetches them with crawlee, extracts them with
 * `@plaza/extract`, signs the batch with its own device key and submits it through the same
 * `submitContributions` use case. HTTP errors, oversized bodies and refused content types are
 * submitted with their status and no text; refusals and network failures are left to expire.
 */
export async function runServerCrawlRound(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'signer' | 'metrics' | 'logger' | 'ingestPool'>,
  params: { fetchPages: PageFetcher; worker: ServerWorker },
): Promise<ServerCrawlRoundResult> {
  const result: ServerCrawlRoundResult = { leased: 0, submitted: 0, abandoned: 0 };
  const rows = await deps.db.rows<{ id: string; spec: unknown }>(
    sql`select id, spec from campaigns
        where status = 'active' and coalesce((spec->>'serverCrawl')::boolean, false)
        order by created_at`,
  );
  for (const row of rows) {
    const spec = readSpec({ spec: row.spec });
    const { lease } = await leaseJobs(deps, {
      device: params.worker.address,
      max: deps.config.PLAZA_SERVER_CRAWL_BATCH,
      campaignId: row.id,
    });
    if (lease.jobs.length === 0) continue;
    result.leased += lease.jobs.length;
    const pages = await params.fetchPages(
      lease.jobs.map((job) => ({ key: job.jobId, url: job.url })),
      spec.needsBrowser ? 'browser' : 'http',
    );
    const byKey = new Map(pages.map((page) => [page.key, page]));
    const items: ParsedContributionItem[] = [];
    for (const job of lease.jobs) {
      const page = byKey.get(job.jobId);
      const item = page ? toContribution(job, page, spec) : null;
      if (item) items.push(item);
      else result.abandoned++;
    }
    if (items.length === 0) continue;
    const body = submitContributionsRequestSchema.parse(await params.worker.batch(items));
    const answer = await submitContributions(deps, body);
    result.submitted += answer.results.filter((r) => r.ok).length;
  }
  return result;
}

function toContribution(
  job: Job,
  page: PageResult,
  spec: CampaignSpec,
): ParsedContributionItem | null {
  const base = {
    finalUrl: page.finalUrl,
    bodyBytes: page.bytes,
    contentType: page.contentType.slice(0, 200),
    fetchedAt: unixSeconds(page.fetchedAt),
  };
  const empty = keccak256(new Uint8Array());
  if (page.error !== null) {
    if (!REPORTED.has(page.error) || page.status === 0) return null;
    return buildContribution(job, { ...base, httpStatus: page.status, bodyHash: empty, text: '' });
  }
  if (page.body === null || page.status < 200 || page.status >= 300) {
    return buildContribution(job, {
      ...base,
      httpStatus: page.status,
      bodyHash: page.bodyHash ?? empty,
      text: '',
    });
  }
  const extracted = extractPage({
    body: page.body,
    contentType: page.contentType,
    url: page.finalUrl,
    mode: spec.extraction,
  });
  return buildContribution(job, {
    ...base,
    httpStatus: page.status,
    bodyHash: page.bodyHash ?? empty,
    title: extracted.title,
    text: extracted.text,
    links: extracted.links,
  });
}
