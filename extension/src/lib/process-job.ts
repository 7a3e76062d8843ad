import {
  buildContribution,
  checkEgressUrl,
  contributionLimits,
  type Job,
  MAX_BODY_BYTES,
  MAX_ROBOTS_BYTES,
  type ParsedContributionItem,
} from '@plaza/protocol';
import { keccak256 } from 'viem';
import type { ActivityLog } from './activity-log.ts';
import { boundLinks } from './contribution-batches.ts';
import { createByteBudget, type IdleReason } from './controls.ts';
import { decodeBody, type EgressFetchResult, egressFetch } from './egress-fetch.ts';
import type { ExtractedPage } from './messages.ts';
import { createRobotsGate, type RobotsCache } from './robots-gate.ts';
import type { UsageMeter } from './usage.ts';

/** What the job processor needs. */
export interface JobProcessorDeps {
  activity: ActivityLog;
  usage: UsageMeter;
  robotsCache: RobotsCache;
  /** Parses HTML (never executing it) and extracts the main content and links. */
  parsePage: (input: {
    html: string;
    url: string;
    mode: Job['extraction'];
  }) => Promise<ExtractedPage>;
  /** The fetch egress goes through. @default globalThis.fetch */
  fetch?: typeof fetch;
  now?: () => number;
}

/** The state one job is processed under. */
export interface JobContext {
  denyList: readonly string[];
  /** Today's cap in bytes. */
  capBytes: number;
  /** When the job's lease expires (ms since the epoch). */
  leaseEnds: number;
  /** Aborts fetches (pause). */
  signal: AbortSignal;
  /** Set by the processor when work must stop (the cap); read by it before each job. */
  stop: { reason: IdleReason | null };
}

/** A job is not started when its lease has less than this left: its result would come too late. */
const LEASE_MARGIN_MS = 20_000;

/**
 * Turns one leased job into its contribution, or into nothing: the URL must pass the egress policy
 * with the user's deny list and the host's robots.txt (fetched once per origin under the same
 * policy), and the daily cap must leave room; then it is fetched (`egressFetch`), counted, logged,
 * parsed and extracted. Redirects, HTTP errors, oversized bodies and refused content types are
 * reported with their status and no text, so the coordinator can settle the URL; refusals and
 * network failures are not reported (the lease expires and the coordinator decides).
 */
export function createJobProcessor(deps: JobProcessorDeps) {
  const now = deps.now ?? Date.now;
  const fetchOption = deps.fetch ? { fetch: deps.fetch } : {};
  // Shared by every job in flight; each reservation is judged by its own job's cap.
  const budget = createByteBudget({ usedBytes: () => deps.usage.bytesNow() });
  const log = createFetchLogger(deps.activity, now);
  const robots = createRobotsGate<JobContext>({
    cache: deps.robotsCache,
    fetchRobots: (robotsUrl, context) =>
      fetchRobotsUnderBudget({ deps, budget, log, fetchOption }, robotsUrl, context),
  });
  const fetchSteps: FetchSteps = { deps, budget, log, fetchOption, robots, now };

  return {
    /** The contribution of `job`, or null when nothing is to be submitted for it. */
    async process(job: Job, ctx: JobContext): Promise<ParsedContributionItem | null> {
      if (
        ctx.stop.reason !== null ||
        ctx.signal.aborted ||
        now() > ctx.leaseEnds - LEASE_MARGIN_MS
      ) {
        return null;
      }
      const result = await fetchJob(fetchSteps, job, ctx);
      if (result === null) return null;
      return toContribution(deps, job, result, now);
    },
  };
}

/** The processor `createJobProcessor` returns. */
export type JobProcessor = ReturnType<typeof createJobProcessor>;

type ByteBudget = ReturnType<typeof createByteBudget>;
type ActivityEntry = Parameters<ActivityLog['append']>[0];

/** Writes to the activity log behind (in batches): a lane never waits for it. */
interface FetchLogger {
  record(entry: ActivityEntry): void;
  fetched(kind: 'page' | 'robots', result: EgressFetchResult, job?: Job): void;
}

interface FetchSteps {
  deps: JobProcessorDeps;
  budget: ByteBudget;
  log: FetchLogger;
  fetchOption: { fetch?: typeof fetch };
  robots: ReturnType<typeof createRobotsGate<JobContext>>;
  now: () => number;
}

function createFetchLogger(activity: ActivityLog, now: () => number): FetchLogger {
  const record = (entry: ActivityEntry) => {
    activity.append(entry).catch((error: unknown) => {
      console.warn('Plaza: activity log write failed', error);
    });
  };
  return {
    record,
    fetched: (kind, result, job) =>
      record({
        at: now() - Math.round(result.ms),
        kind,
        url: result.url,
        ...(result.finalUrl !== result.url ? { finalUrl: result.finalUrl } : {}),
        status: result.status,
        bytes: result.bytes,
        ms: Math.round(result.ms),
        outcome: result.outcome,
        ...(result.code ? { code: result.code } : {}),
        ...(job ? { jobId: job.jobId, campaignId: job.campaignId } : {}),
      }),
  };
}

/** A robots.txt fetch, under the context of the job that needed it first and within its cap. */
async function fetchRobotsUnderBudget(
  steps: Pick<FetchSteps, 'deps' | 'budget' | 'log' | 'fetchOption'>,
  robotsUrl: string,
  context: JobContext,
): Promise<EgressFetchResult> {
  const granted = steps.budget.reserve(MAX_ROBOTS_BYTES, context.capBytes);
  if (granted === 0) {
    return {
      outcome: 'network_error',
      url: robotsUrl,
      finalUrl: robotsUrl,
      status: 0,
      contentType: '',
      bytes: 0,
      ms: 0,
      code: 'DAILY_CAP',
    };
  }
  try {
    const result = await egressFetch(robotsUrl, {
      denyList: context.denyList,
      maxBytes: granted,
      oversize: 'truncate',
      signal: context.signal,
      ...steps.fetchOption,
    });
    await steps.deps.usage.add(result.bytes, 0);
    steps.log.fetched('robots', result);
    return result;
  } finally {
    steps.budget.release(granted);
  }
}

/** The job's page fetched under the egress policy, robots.txt and the cap, or null when refused. */
async function fetchJob(
  steps: FetchSteps,
  job: Job,
  ctx: JobContext,
): Promise<EgressFetchResult | null> {
  const refuse = (code: string) => {
    steps.log.record({
      at: steps.now(),
      kind: 'page',
      url: job.url.slice(0, 4096),
      status: 0,
      bytes: 0,
      ms: 0,
      outcome: 'refused',
      code,
      jobId: job.jobId,
      campaignId: job.campaignId,
    });
    return null;
  };
  const checked = checkEgressUrl(job.url, { denyList: ctx.denyList });
  if (!checked.ok) return refuse(checked.code);
  const verdict = await steps.robots.check(checked.url, ctx);
  if (!verdict.ok) return refuse(verdict.code);
  return fetchPageUnderBudget(steps, job, checked.url.href, ctx);
}

async function fetchPageUnderBudget(
  steps: FetchSteps,
  job: Job,
  url: string,
  ctx: JobContext,
): Promise<EgressFetchResult | null> {
  const granted = steps.budget.reserve(MAX_BODY_BYTES, ctx.capBytes);
  if (granted === 0) {
    ctx.stop.reason = 'daily_cap_reached';
    return null;
  }
  try {
    const result = await egressFetch(url, {
      denyList: ctx.denyList,
      maxBytes: granted,
      signal: ctx.signal,
      ...steps.fetchOption,
    });
    await steps.deps.usage.add(result.bytes, result.status > 0 ? 1 : 0);
    steps.log.fetched('page', result, job);
    if (result.outcome === 'too_large' && granted < MAX_BODY_BYTES) {
      // Past what the cap had left, not past the page limit: another device can take it.
      ctx.stop.reason = 'daily_cap_reached';
      return null;
    }
    return result;
  } finally {
    steps.budget.release(granted);
  }
}

/** What a fetch becomes: a page with its text and links, a status without text, or nothing. */
async function toContribution(
  deps: JobProcessorDeps,
  job: Job,
  result: EgressFetchResult,
  now: () => number,
): Promise<ParsedContributionItem | null> {
  const page = {
    bodyBytes: result.bytes,
    contentType: result.contentType.slice(0, 200),
    fetchedAt: Math.floor(now() / 1000),
  };
  const failed = (httpStatus: number) =>
    buildContribution(job, {
      ...page,
      httpStatus,
      bodyHash: keccak256(new Uint8Array()),
      text: '',
    });
  switch (result.outcome) {
    case 'ok': {
      const extracted = await extractPage(deps, job, result);
      return buildContribution(job, {
        ...page,
        finalUrl: result.finalUrl,
        httpStatus: result.status,
        bodyHash: result.bodyHash!,
        title: extracted.title,
        text: extracted.text,
        links: boundLinks(extracted.links),
      });
    }
    case 'redirect':
      // The browser hid the target: the coordinator resolves it under its own checks.
      return failed(0);
    case 'http_error':
    case 'bad_content_type':
    case 'too_large':
      return failed(result.status);
    case 'timeout':
      return result.status > 0 ? failed(result.status) : null;
    default:
      // Refused on a redirect hop, network error, aborted: the lease expires.
      return null;
  }
}

/** Plain text as it is; HTML parsed (never executed) for its main content and links. */
function extractPage(
  deps: JobProcessorDeps,
  job: Job,
  result: EgressFetchResult,
): Promise<ExtractedPage> | ExtractedPage {
  const body = decodeBody(result.body!, result.contentType);
  if (result.contentType.toLowerCase().startsWith('text/plain')) {
    return { title: '', text: body.slice(0, contributionLimits.maxTextChars), links: [] };
  }
  return deps.parsePage({ html: body, url: result.finalUrl, mode: job.extraction });
}
