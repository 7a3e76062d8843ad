import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Deps } from '../../deps.ts';

/** Counts and times every request by matched route (never by raw path: bounded label values). */
export function observe(deps: Pick<Deps, 'metrics' | 'logger'>) {
  return createMiddleware(async (c, next) => {
    const started = performance.now();
    await next();
    const route = routePath(c) || 'unmatched';
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.httpRequests.inc({ route, method: c.req.method, status: String(c.res.status) });
    deps.metrics.httpDuration.observe({ route }, seconds);
    deps.logger.debug('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(seconds * 1000),
    });
  });
}
