import type { hosts } from '@plaza/db';
import { parseRobots } from './robots.ts';

/**
 * The verdict function of a host row: given a URL of the host, the refusal code, or null when the
 * URL may be fetched (or the host's robots.txt is not known yet: leasing waits for it anyway).
 */
export function hostRobotsPolicy(
  row: Pick<typeof hosts.$inferSelect, 'robotsState' | 'robotsTxt' | 'refusedReason'>,
): (url: URL) => string | null {
  if (row.refusedReason) {
    const reason = row.refusedReason;
    return () => reason;
  }
  if (row.robotsState !== 'ok' || row.robotsTxt === null) return () => null;
  const robots = parseRobots(row.robotsTxt);
  return (url) => (robots.isAllowed(url.pathname + url.search) ? null : 'ROBOTS_DISALLOWED');
}
