import { campaigns, frontierUrls } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { addUrls } from './add-urls.ts';

/** Reason of a fetched URL whose redirect the extension could not see (status 0). */
export const OPAQUE_REDIRECT = 'OPAQUE_REDIRECT';

/**
 * Resolves redirects the extensions reported as opaque: the coordinator follows the chain itself
 * (every hop checked against the egress policy and DNS by `fetchText`) and queues the final URL in
 * the same campaign, subject to scope and robots.txt like any URL. Browsers never follow a redirect
 * on Plaza's behalf, so a redirect into a private network is never fetched from a home.
 */
export async function resolveRedirects(
  deps: Pick<Deps, 'db' | 'clock' | 'metrics' | 'fetchText' | 'logger'>,
  limit = 16,
): Promise<{ resolved: number; refused: number }> {
  const claimed = await deps.db.rows<{
    id: number;
    campaign_id: string;
    url: string;
    depth: number;
  }>(
    sql`
      update frontier_urls set reason = 'REDIRECT_RESOLVING'
      where id in (
        select id from frontier_urls where reason = ${OPAQUE_REDIRECT}
        limit ${limit}
        for update skip locked
      )
      returning id, campaign_id, url, depth`,
  );
  let resolved = 0;
  let refused = 0;
  for (const row of claimed) {
    let reason = 'REDIRECT_REFUSED';
    try {
      const answer = await deps.fetchText(row.url, { maxBytes: 1 });
      if (answer.finalUrl !== row.url) {
        const [campaign] = await deps.db.db
          .select()
          .from(campaigns)
          .where(eq(campaigns.id, row.campaign_id));
        if (campaign) {
          await deps.db.db.transaction((tx) =>
            addUrls(deps, tx, { id: campaign.id, spec: campaign.spec as CampaignSpec }, [
              {
                url: answer.finalUrl,
                discoveredFrom: row.id,
                depth: row.depth + 1,
              },
            ]),
          );
        }
        reason = 'REDIRECTED';
        resolved++;
      } else {
        reason = 'REDIRECT_UNRESOLVED';
      }
    } catch (error) {
      refused++;
      deps.logger.info('redirect not followed', { url: row.url, err: error });
    }
    await deps.db.db
      .update(frontierUrls)
      .set({ reason })
      .where(inArray(frontierUrls.id, [row.id]));
  }
  return { resolved, refused };
}
