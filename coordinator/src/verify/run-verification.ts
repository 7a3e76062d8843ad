import type { PageFetcher } from '../crawl/page-fetcher.ts';
import type { Deps } from '../deps.ts';
import { runVerificationRound, type VerificationRoundResult } from './run-verification-round.ts';

/**
 * The verification loop's body: runs rounds back to back while they find work, for at most
 * `budgetMs`, then returns (the loop sleeps and comes back). Returns the rounds' totals.
 */
export async function runVerification(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'minHasher' | 'logger'>,
  params: { fetchPages: PageFetcher; random?: () => number; budgetMs?: number },
): Promise<VerificationRoundResult> {
  const started = Date.now();
  const total: VerificationRoundResult = {
    considered: 0,
    queued: 0,
    fetched: 0,
    confirmed: 0,
    failed: 0,
    inconclusive: 0,
    retried: 0,
    quarantined: [],
  };
  for (;;) {
    const round = await runVerificationRound(deps, params);
    total.considered += round.considered;
    total.queued += round.queued;
    total.fetched += round.fetched;
    total.confirmed += round.confirmed;
    total.failed += round.failed;
    total.inconclusive += round.inconclusive;
    total.retried += round.retried;
    total.quarantined.push(...round.quarantined);
    const idle = round.considered === 0 && round.fetched === 0 && round.inconclusive === 0;
    if (idle || Date.now() - started >= (params.budgetMs ?? 10_000)) return total;
  }
}
