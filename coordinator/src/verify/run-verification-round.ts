import type { PageFetcher } from '../crawl/page-fetcher.ts';
import type { Deps } from '../deps.ts';
import { claimChecks } from './claim-checks.ts';
import { enqueueChecks } from './enqueue-checks.ts';
import { judgePage } from './judge-page.ts';
import { type CheckResult, recordResults } from './record-results.ts';
import { releaseHosts } from './release-hosts.ts';
import { verificationPolicy } from './verification-policy.ts';

/** What one round did. */
export interface VerificationRoundResult {
  /** New contributions the sampler looked at, and how many it queued. */
  considered: number;
  queued: number;
  /** Pages re-fetched. */
  fetched: number;
  confirmed: number;
  failed: number;
  inconclusive: number;
  retried: number;
  quarantined: string[];
}

/** Pages re-fetched per browser batch at most (a browser page costs far more than a request). */
const BROWSER_BATCH = 8;

/**
 * One verification round: the sampler queues checks for new contributions, then one batch per
 * fetch mode is claimed (one page per ready host), re-fetched with crawlee (CheerioCrawler, or
 * PlaywrightCrawler for campaigns that need a browser) under the egress policy, extracted with
 * `@plaza/extract`, compared with the submitted text, and recorded (reputations, quarantines).
 * The hosts are reopened after their delay. Stateless: everything lives in the database, so any
 * number of coordinator processes run rounds at once.
 */
export async function runVerificationRound(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'minHasher' | 'logger'> &
    Partial<Pick<Deps, 'leaseAuthCache'>>,
  params: { fetchPages: PageFetcher; random?: () => number },
): Promise<VerificationRoundResult> {
  const policy = verificationPolicy(deps.config);
  const queued = await enqueueChecks(deps, params.random ? { random: params.random } : {});
  const result: VerificationRoundResult = {
    considered: queued.considered,
    queued: queued.queued,
    fetched: 0,
    confirmed: 0,
    failed: 0,
    inconclusive: 0,
    retried: 0,
    quarantined: [],
  };
  for (const mode of ['http', 'browser'] as const) {
    const limit =
      mode === 'http'
        ? deps.config.PLAZA_VERIFY_BATCH
        : Math.min(BROWSER_BATCH, deps.config.PLAZA_VERIFY_BATCH);
    const { claimed, settled } = await claimChecks(deps, { mode, limit });
    result.inconclusive += settled;
    if (claimed.length === 0) continue;
    let pages: Awaited<ReturnType<PageFetcher>>;
    try {
      pages = await params.fetchPages(
        claimed.map((c) => ({ key: c.contributionId, url: c.url })),
        mode,
      );
    } catch (error) {
      // The crawler itself failed (no browser …): the claims lapse and the checks run again later.
      deps.logger.error('verification fetch failed', { mode, err: error });
      await releaseHosts(
        deps,
        claimed.map((c) => ({ host: c.host, delayMs: c.minDelayMs })),
        deps.clock.now(),
      );
      continue;
    }
    const done = deps.clock.now();
    await releaseHosts(
      deps,
      claimed.map((c) => ({ host: c.host, delayMs: c.minDelayMs })),
      done,
    );
    const byKey = new Map(pages.map((p) => [p.key, p]));
    const judged: CheckResult[] = [];
    for (const check of claimed) {
      const page = byKey.get(check.contributionId);
      if (!page) continue;
      judged.push({
        check,
        verdict: judgePage(page, check, deps.minHasher, policy.confirmSimilarity),
        httpStatus: page.status === 0 ? null : page.status,
        finalUrl: page.finalUrl,
      });
      // Extraction is CPU work on the event loop: let requests through between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
    result.fetched += pages.length;
    const recorded = await recordResults(deps, judged, policy);
    // A quarantined device is refused its next lease at once, not after a cached token lookup.
    for (const address of recorded.quarantined) deps.leaseAuthCache?.forgetDevice(address);
    result.confirmed += recorded.confirmed;
    result.failed += recorded.failed;
    result.inconclusive += recorded.inconclusive;
    result.retried += recorded.retried;
    result.quarantined.push(...recorded.quarantined);
    for (const address of recorded.quarantined) {
      deps.logger.warn('device quarantined', { device: address, reason: 'VERIFICATION_FAILED' });
    }
  }
  return result;
}
