import { type CampaignScope, checkEgressUrl } from '@plaza/protocol';
import { AppError } from '../errors.ts';

/** A scope host the egress policy refuses, with the reason. */
export interface RefusedScopeHost {
  host: string;
  code: string;
  reason: string;
}

/**
 * The scope hosts no fetch could ever reach: IP literals, localhost, special-use or suffix-less
 * names (the egress policy). A wildcard `*.example.com` is checked as a name under it.
 */
export function refusedScopeHosts(scope: CampaignScope): RefusedScopeHost[] {
  const refused: RefusedScopeHost[] = [];
  for (const pattern of scope.hosts) {
    const host = pattern.startsWith('*.') ? `x.${pattern.slice(2)}` : pattern;
    const verdict = checkEgressUrl(`https://${host}/`);
    if (!verdict.ok) {
      refused.push({
        host: pattern,
        code: verdict.code,
        reason: verdict.reason.replace('x.', '*.'),
      });
    }
  }
  return refused;
}

/** Throws CAMPAIGN_INVALID naming every scope host the egress policy refuses. */
export function assertScopeHostsAllowed(scope: CampaignScope): void {
  const refused = refusedScopeHosts(scope);
  if (refused.length === 0) return;
  throw new AppError(
    'CAMPAIGN_INVALID',
    `The scope names ${refused.length === 1 ? 'a host' : 'hosts'} no device may fetch: ${refused
      .map((r) => `${r.host} (${r.code})`)
      .join(', ')}.`,
    { details: { refusedHosts: refused } },
  );
}

/**
 * Throws CAMPAIGN_INVALID when seeds were given and every one was refused (out of scope, refused
 * by the egress policy, malformed): such a campaign could never fetch a page.
 */
export function assertSomeSeedAccepted(
  seeds: readonly string[],
  hasSitemaps: boolean,
  frontier: { added: number; refused: readonly { url: string; code: string }[] },
): void {
  if (seeds.length === 0 || hasSitemaps || frontier.added > 0) return;
  const codes = [...new Set(frontier.refused.map((r) => r.code))];
  throw new AppError(
    'CAMPAIGN_INVALID',
    `Every seed was refused (${codes.join(', ')}): the campaign could never fetch a page. ${
      codes.includes('URL_OUT_OF_SCOPE') ? 'Check that the seeds are on the scope hosts.' : ''
    }`.trim(),
    { details: { refusedSeeds: frontier.refused } },
  );
}
