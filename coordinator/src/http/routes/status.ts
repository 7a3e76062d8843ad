import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { campaignStats } from '../../campaigns/get-campaign.ts';
import type { Deps } from '../../deps.ts';
import { checkReadiness } from '../../observability/readiness.ts';

/** The version this coordinator speaks. */
export const COORDINATOR_VERSION = '0.1.0';

/**
 * `/v1/coordinator`, `/v1/status`, liveness (`/healthz`: the process serves), readiness
 * (`/readyz`: database, chain and background loops; 503 when any fails) and `/metrics`.
 */
export function statusRoutes(deps: Deps) {
  return new Hono()
    .get('/v1/coordinator', (c) =>
      c.json({
        address: deps.signer.address.toLowerCase(),
        chainId: deps.config.PLAZA_CHAIN_ID,
        version: COORDINATOR_VERSION,
      }),
    )
    .get('/v1/status', async (c) => {
      const now = deps.clock.now();
      const [stats, counts] = await Promise.all([
        campaignStats(deps, null),
        deps.db.rows<{ campaigns: number; devices: number; leases: number }>(sql`
          select
            (select count(*)::int from campaigns) as campaigns,
            (select count(*)::int from devices) as devices,
            (select count(*)::int from jobs where state = 'leased' and expires_at > ${now.toISOString()}) as leases`),
      ]);
      const row = counts[0];
      return c.json({
        campaigns: row?.campaigns ?? 0,
        devices: row?.devices ?? 0,
        frontier: stats.frontier,
        contributions: stats.contributions,
        items: stats.items,
        activeLeases: row?.leases ?? 0,
      });
    })
    .get('/healthz', (c) => c.json({ ok: true }))
    .get('/readyz', async (c) => {
      const readiness = await checkReadiness(deps);
      return c.json(readiness, readiness.ready ? 200 : 503);
    })
    .get('/metrics', async (c) => {
      c.header('content-type', deps.metrics.registry.contentType);
      return c.body(await deps.metrics.registry.metrics());
    });
}
