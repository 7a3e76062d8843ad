import { randomUUID } from 'node:crypto';
import {
  type CreateWebhookRequest,
  createWebhookRequestSchema,
  type WebhookDelivery,
  type WebhookEndpoint,
  webhookEventTypes,
} from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { generateWebhookSecret } from './sign-webhook.ts';

interface EndpointRow extends Record<string, unknown> {
  id: string;
  url: string;
  events: string[];
  description: string;
  created_at: string | Date;
  disabled_at: string | Date | null;
  pending: number;
  delivered: number;
  failed: number;
}

const iso = (value: string | Date | null) =>
  value === null ? null : new Date(value).toISOString();

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    createdAt: iso(row.created_at) as string,
    disabledAt: iso(row.disabled_at),
    // count(*)::int: a number on every driver.
    deliveries: { pending: row.pending, delivered: row.delivered, failed: row.failed },
  };
}

const selectEndpoints = (where: ReturnType<typeof sql>) => sql`
  select w.id, w.url, w.events, w.description, w.created_at, w.disabled_at,
    count(*) filter (where d.status = 'pending')::int as pending,
    count(*) filter (where d.status = 'delivered')::int as delivered,
    count(*) filter (where d.status = 'failed')::int as failed
  from webhook_endpoints w left join webhook_deliveries d on d.endpoint_id = w.id
  where ${where}
  group by w.id order by w.created_at, w.id`;

/** Every webhook endpoint with its delivery counts, oldest first. */
export async function listWebhooks(deps: Pick<Deps, 'db'>): Promise<WebhookEndpoint[]> {
  return (await deps.db.rows<EndpointRow>(selectEndpoints(sql`true`))).map(toEndpoint);
}

/** Adds an endpoint with a fresh secret, which is returned this once. */
export async function createWebhook(
  deps: Pick<Deps, 'db' | 'clock' | 'logger'>,
  request: CreateWebhookRequest,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const body = createWebhookRequestSchema.parse(request);
  const id = `wh_${randomUUID().replaceAll('-', '')}`;
  const secret = generateWebhookSecret();
  const events = [...new Set(body.events ?? webhookEventTypes)];
  await deps.db.rows(
    sql`insert into webhook_endpoints (id, url, secret, events, description, created_at)
        values (${id}, ${body.url}, ${secret}, ${JSON.stringify(events)}::jsonb, ${body.description},
                ${deps.clock.now().toISOString()})`,
  );
  deps.logger.info('webhook endpoint added', { endpoint: id, url: body.url, events });
  const [row] = await deps.db.rows<EndpointRow>(selectEndpoints(sql`w.id = ${id}`));
  return { endpoint: toEndpoint(row as EndpointRow), secret };
}

/** Disables an endpoint: no new deliveries, pending ones are dropped as failed; the log stays. */
export async function removeWebhook(
  deps: Pick<Deps, 'db' | 'clock' | 'logger'>,
  id: string,
): Promise<WebhookEndpoint> {
  const now = deps.clock.now().toISOString();
  const updated = await deps.db.rows(
    sql`update webhook_endpoints set disabled_at = coalesce(disabled_at, ${now}) where id = ${id} returning id`,
  );
  if (updated.length === 0) throw new AppError('WEBHOOK_NOT_FOUND', `No webhook endpoint "${id}".`);
  await deps.db.rows(
    sql`update webhook_deliveries set status = 'failed' where endpoint_id = ${id} and status = 'pending'`,
  );
  deps.logger.info('webhook endpoint removed', { endpoint: id });
  const [row] = await deps.db.rows<EndpointRow>(selectEndpoints(sql`w.id = ${id}`));
  return toEndpoint(row as EndpointRow);
}

/** The delivery log of an endpoint, newest first (at most `limit`). */
export async function webhookDeliveries(
  deps: Pick<Deps, 'db'>,
  id: string,
  limit = 100,
): Promise<WebhookDelivery[]> {
  const [endpoint] = await deps.db.rows(sql`select id from webhook_endpoints where id = ${id}`);
  if (!endpoint) throw new AppError('WEBHOOK_NOT_FOUND', `No webhook endpoint "${id}".`);
  const rows = await deps.db.rows<{
    event_id: string;
    type: string;
    status: WebhookDelivery['status'];
    attempts: number;
    next_attempt_at: string | Date;
    created_at: string | Date;
    delivered_at: string | Date | null;
    log: WebhookDelivery['log'];
  }>(
    sql`select d.event_id, e.type, d.status, d.attempts, d.next_attempt_at, d.created_at,
          d.delivered_at, d.log
        from webhook_deliveries d join webhook_events e on e.id = d.event_id
        where d.endpoint_id = ${id}
        order by d.created_at desc, d.event_id limit ${limit}`,
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    type: r.type,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    createdAt: iso(r.created_at) as string,
    deliveredAt: iso(r.delivered_at),
    log: r.log,
  }));
}
