import type { RouteSpec } from './route-spec.ts';
import { campaignRouteSpecs } from './route-specs-campaigns.ts';
import { datasetRouteSpecs } from './route-specs-datasets.ts';
import { deviceRouteSpecs } from './route-specs-devices.ts';
import { labelingRouteSpecs } from './route-specs-labeling.ts';
import { serviceRouteSpecs } from './route-specs-service.ts';
import { workRouteSpecs } from './route-specs-work.ts';

export type { AuthKind, RouteSpec } from './route-spec.ts';

/**
 * Every route of the coordinator and how to fuzz it, by `METHOD path` as hono lists them. A route
 * the app serves that is missing here fails the fuzz test, so a new route cannot go unfuzzed. The
 * fuzzer runs them in this order: steering (at the end of `route-specs-service.ts`) comes last.
 */
export const routeSpecs: Record<string, RouteSpec> = {
  ...deviceRouteSpecs,
  ...campaignRouteSpecs,
  ...workRouteSpecs,
  ...labelingRouteSpecs,
  ...datasetRouteSpecs,
  ...serviceRouteSpecs,
};

/** The `METHOD path` keys of the routes an app serves (middleware-only entries left out). */
export function servedRoutes(app: { routes: ReadonlyArray<{ method: string; path: string }> }) {
  const keys = app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(keys)];
}
