import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';
import { createErrorHandler } from './http/error-handler.ts';
import { bodyLimits } from './http/middleware/body-limits.ts';
import { observe } from './http/middleware/observe.ts';
import { accountsRoutes } from './http/routes/accounts.ts';
import { authRoutes } from './http/routes/auth.ts';
import { campaignControlRoutes } from './http/routes/campaign-control.ts';
import { campaignModelRoutes } from './http/routes/campaign-model.ts';
import { campaignsRoutes } from './http/routes/campaigns.ts';
import { chainRoutes } from './http/routes/chain.ts';
import { contributionsRoutes } from './http/routes/contributions.ts';
import { datasetsRoutes } from './http/routes/datasets.ts';
import { devicesRoutes } from './http/routes/devices.ts';
import { downloadsRoutes } from './http/routes/downloads.ts';
import { labelFilesRoutes } from './http/routes/label-files.ts';
import { labelingRoutes } from './http/routes/labeling.ts';
import { leasesRoutes } from './http/routes/leases.ts';
import { modelsRoutes } from './http/routes/models.ts';
import { openapiRoutes } from './http/routes/openapi.ts';
import { prelabelRoutes } from './http/routes/prelabel.ts';
import { reviewRoutes } from './http/routes/review.ts';
import { statusRoutes } from './http/routes/status.ts';
import { verificationRoutes } from './http/routes/verification.ts';
import { webhooksRoutes } from './http/routes/webhooks.ts';
import { serveUi } from './http/serve-ui.ts';

/**
 * The coordinator's HTTP app: web-standard Request in, Response out, testable with
 * `app.request(...)` and no listening server.
 */
export function createApp(deps: Deps) {
  const app = new Hono();
  app.use(observe(deps));
  app.use(
    createMiddleware(async (c, next) => {
      deps.rateLimiter.client(c);
      await next();
    }),
  );
  app.use(
    bodyLimits({
      maxBytes: deps.config.PLAZA_MAX_BODY_BYTES,
      maxNodes: deps.config.PLAZA_MAX_BODY_NODES,
      maxDepth: deps.config.PLAZA_MAX_BODY_DEPTH,
    }),
  );
  app.route('/', statusRoutes(deps));
  app.route('/', openapiRoutes());
  app.route('/v1/devices', devicesRoutes(deps));
  app.route('/v1/accounts', accountsRoutes(deps));
  app.route('/v1/campaigns', campaignsRoutes(deps));
  app.route('/v1/campaigns', campaignControlRoutes(deps));
  app.route('/v1/campaigns', verificationRoutes(deps));
  app.route('/v1/leases', leasesRoutes(deps));
  app.route('/v1/prelabel', prelabelRoutes(deps));
  app.route('/v1/models', modelsRoutes(deps));
  app.route('/v1/campaigns', campaignModelRoutes(deps));
  app.route('/v1/campaigns', labelFilesRoutes(deps));
  app.route('/v1/contributions', contributionsRoutes(deps));
  app.route('/v1/auth', authRoutes(deps));
  app.route('/v1/labeling', labelingRoutes(deps));
  app.route('/v1/review', reviewRoutes(deps));
  app.route('/v1/datasets', datasetsRoutes(deps));
  app.route('/v1/downloads', downloadsRoutes(deps));
  app.route('/v1/chain', chainRoutes(deps));
  app.route('/v1/webhooks', webhooksRoutes(deps));
  if (deps.config.PLAZA_UI_DIR !== '') {
    const ui = serveUi(deps.config.PLAZA_UI_DIR);
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/v1/')) return next();
      return (await ui(c)) ?? next();
    });
  }
  app.notFound((c) => {
    throw new AppError('ROUTE_NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`);
  });
  app.onError(createErrorHandler(deps.logger));
  return app;
}
