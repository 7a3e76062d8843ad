import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';
import { createErrorHandler } from './http/error-handler.ts';
import { observe } from './http/middleware/observe.ts';
import { campaignsRoutes } from './http/routes/campaigns.ts';
import { contributionsRoutes } from './http/routes/contributions.ts';
import { devicesRoutes } from './http/routes/devices.ts';
import { leasesRoutes } from './http/routes/leases.ts';
import { statusRoutes } from './http/routes/status.ts';

/**
 * The coordinator's HTTP app: web-standard Request in, Response out, testable with
 * `app.request(...)` and no listening server.
 */
export function createApp(deps: Deps) {
  const app = new Hono();
  app.use(observe(deps));
  app.use(
    bodyLimit({
      maxSize: deps.config.PLAZA_MAX_BODY_BYTES,
      onError: () => {
        throw new AppError(
          'BODY_TOO_LARGE',
          `The request body is larger than ${deps.config.PLAZA_MAX_BODY_BYTES} bytes.`,
        );
      },
    }),
  );
  app.route('/', statusRoutes(deps));
  app.route('/v1/devices', devicesRoutes(deps));
  app.route('/v1/campaigns', campaignsRoutes(deps));
  app.route('/v1/leases', leasesRoutes(deps));
  app.route('/v1/contributions', contributionsRoutes(deps));
  app.notFound((c) => {
    throw new AppError('ROUTE_NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`);
  });
  app.onError(createErrorHandler(deps.logger));
  return app;
}
