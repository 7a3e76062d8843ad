import { createWebhookRequestSchema, updateCampaignRequestSchema } from '@plaza/protocol';
import type { RouteSpec } from './route-spec.ts';

/** Service routes, webhooks and, last, campaign steering (it pauses, edits and finally closes the world's campaign). */
export const serviceRouteSpecs: Record<string, RouteSpec> = {
  'GET /readyz': { auth: 'none' },
  'GET /openapi.json': { auth: 'none' },
  'GET /reference': { auth: 'none' },
  'GET /v1/webhooks': { auth: 'admin' },
  'POST /v1/webhooks': {
    auth: 'admin',
    schema: createWebhookRequestSchema,
    bodies: () => [
      { url: 'https://hooks.example.com/plaza', events: ['version.frozen'] },
      { url: 'https://hooks.example.com/all', description: 'every event' },
    ],
  },
  'DELETE /v1/webhooks/:id': { auth: 'admin', params: () => ({ id: [`wh_${'0'.repeat(32)}`] }) },
  'GET /v1/webhooks/:id/deliveries': {
    auth: 'admin',
    params: () => ({ id: [`wh_${'0'.repeat(32)}`] }),
  },
  'GET /v1/campaigns/:id/hosts': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    queries: () => [{ limit: '10' }, {}],
  },
  // Steering runs last: it pauses, edits and finally closes the world's campaign.
  'PATCH /v1/campaigns/:id': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    schema: updateCampaignRequestSchema,
    bodies: () => [
      { overlap: 2, qualityFloor: 0.4 },
      { name: 'Renamed', license: 'CC0-1.0' },
    ],
  },
  'POST /v1/campaigns/:id/pause': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
  'POST /v1/campaigns/:id/resume': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
  'POST /v1/campaigns/:id/close': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
};
