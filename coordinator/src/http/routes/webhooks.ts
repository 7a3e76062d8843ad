import { createWebhookRequestSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { ValidationError } from '../../errors.ts';
import {
  createWebhook,
  listWebhooks,
  removeWebhook,
  webhookDeliveries,
} from '../../webhooks/webhook-endpoints.ts';
import { requireAdmin } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';

function parseId(value: string): string {
  if (!/^wh_[0-9a-f]{32}$/.test(value))
    throw new ValidationError(`"${value}" is not a webhook id.`);
  return value;
}

/** `/v1/webhooks` (admin): endpoints, their secrets (once), removal and the delivery log. */
export function webhooksRoutes(deps: Deps) {
  const admin = requireAdmin(deps);
  return new Hono()
    .get('/', admin, async (c) => c.json({ endpoints: await listWebhooks(deps) }))
    .post('/', admin, async (c) =>
      c.json(await createWebhook(deps, await readJson(c, createWebhookRequestSchema)), 201),
    )
    .delete('/:id', admin, async (c) =>
      c.json(await removeWebhook(deps, parseId(c.req.param('id')))),
    )
    .get('/:id/deliveries', admin, async (c) => {
      const endpointId = parseId(c.req.param('id'));
      return c.json({ endpointId, deliveries: await webhookDeliveries(deps, endpointId) });
    });
}
