import { campaigns } from '@plaza/db';
import type { CampaignSpec } from '@plaza/protocol';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { addUrls } from './add-urls.ts';
import { parseSitemap } from './sitemap.ts';

/** Sitemap indexes are followed this many levels deep. */
const MAX_SITEMAP_DEPTH = 2;
/** Sitemap files read per campaign at most. */
const MAX_SITEMAP_FILES = 100;
/** The sitemap protocol's size limit, bytes. */
const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Reads the sitemaps of campaigns that have not been read yet and queues their URLs (subject to
 * scope, egress policy and `maxPages` like any URL). A campaign is claimed by setting
 * `sitemaps_loaded_at` first, so one process reads it; failures are logged and not retried.
 */
export async function loadSitemaps(
  deps: Pick<Deps, 'db' | 'clock' | 'metrics' | 'fetchText' | 'logger'>,
): Promise<{ campaigns: number; added: number }> {
  const claimed = await deps.db.db
    .update(campaigns)
    .set({ sitemapsLoadedAt: deps.clock.now() })
    .where(
      and(
        isNull(campaigns.sitemapsLoadedAt),
        eq(campaigns.status, 'active'),
        sql`jsonb_array_length(${campaigns.spec}->'sitemaps') > 0`,
      ),
    )
    .returning();
  let added = 0;
  for (const row of claimed) {
    const spec = row.spec as CampaignSpec;
    const queue = spec.sitemaps.map((url) => ({ url, depth: 0 }));
    let files = 0;
    while (queue.length > 0 && files < MAX_SITEMAP_FILES) {
      const next = queue.shift()!;
      files++;
      try {
        const response = await deps.fetchText(next.url, { maxBytes: SITEMAP_MAX_BYTES });
        if (response.status < 200 || response.status >= 300) {
          deps.logger.warn('sitemap fetch failed', { url: next.url, status: response.status });
          continue;
        }
        const parsed = parseSitemap(response.body);
        if (next.depth < MAX_SITEMAP_DEPTH) {
          for (const url of parsed.sitemaps) queue.push({ url, depth: next.depth + 1 });
        }
        const result = await deps.db.db.transaction((tx) =>
          addUrls(
            deps,
            tx,
            { id: row.id, spec },
            parsed.urls.map((url) => ({ url })),
          ),
        );
        added += result.added;
      } catch (error) {
        deps.logger.warn('sitemap could not be read', { url: next.url, err: error });
      }
    }
  }
  return { campaigns: claimed.length, added };
}
