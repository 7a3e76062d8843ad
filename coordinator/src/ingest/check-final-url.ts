import { type CampaignSpec, checkEgressUrl } from '@plaza/protocol';
import { normalizeUrl } from '../frontier/normalize-url.ts';
import { compileScope, type IsInScope } from '../frontier/scope.ts';

/** Why {@link checkFinalUrl} refused a claimed final URL. */
export interface FinalUrlRefusal {
  code: 'URL_FORBIDDEN' | 'URL_OUT_OF_SCOPE';
  message: string;
}

/**
 * Checks where a device says a fetch ended (`finalUrl`, what a dataset row is stored under) when it
 * is not the leased URL itself: a redirect chain may only end at a URL the campaign's frontier
 * would take, one that normalizes, passes the egress policy (`checkEgressUrl`: no IP literals,
 * private names, other ports …) and lies in the campaign's scope. Returns null when it does.
 *
 * @example
 * checkFinalUrl({ url, finalUrl: 'https://elsewhere.org/' }, compileScope(spec.scope));
 * // { code: 'URL_OUT_OF_SCOPE', message: '…' }
 */
export function checkFinalUrl(
  item: { url: string; finalUrl: string },
  isInScope: IsInScope,
): FinalUrlRefusal | null {
  if (item.finalUrl === item.url) return null;
  const normalized = normalizeUrl(item.finalUrl);
  const egress = normalized.ok ? checkEgressUrl(normalized.url) : null;
  if (!egress?.ok) {
    const why = normalized.ok ? egress!.code : normalized.code;
    return {
      code: 'URL_FORBIDDEN',
      message: `Final URL ${item.finalUrl.slice(0, 200)} is not fetchable (${why}).`,
    };
  }
  if (!isInScope(egress.url)) {
    return {
      code: 'URL_OUT_OF_SCOPE',
      message: `Final URL ${item.finalUrl.slice(0, 200)} is outside the campaign's scope.`,
    };
  }
  return null;
}

/** The scope predicates of campaigns by id, compiled once per batch. */
export function scopesOf(rows: ReadonlyArray<{ id: string; spec: unknown }>) {
  return new Map(rows.map((row) => [row.id, compileScope((row.spec as CampaignSpec).scope)]));
}
