import type { PlazaTx } from '@plaza/db';
import type { WebhookEventType } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';

/** An event to deliver: its id names it for good (the same event emitted twice is one event). */
export interface WebhookEventInput {
  id: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/**
 * Records events and queues one delivery of each to every enabled endpoint subscribed to its type.
 * Idempotent by event id: an event already recorded (emitted again, or by another process) queues
 * nothing. Returns how many events were new.
 */
export async function emitWebhookEvents(
  deps: Pick<Deps, 'db' | 'clock'>,
  events: readonly WebhookEventInput[],
  tx?: PlazaTx,
): Promise<number> {
  if (events.length === 0) return 0;
  const now = deps.clock.now().toISOString();
  const rows = events.map((e) => ({
    id: e.id,
    type: e.type,
    payload: { type: e.type, timestamp: now, data: e.data },
  }));
  const inserted = await deps.db.rows<{ id: string }>(
    sql`with new_events as (
          insert into webhook_events (id, type, payload, created_at)
          select e.id, e.type, e.payload, ${now}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(id text, type text, payload jsonb)
          on conflict do nothing
          returning id, type),
        queued as (
          insert into webhook_deliveries (endpoint_id, event_id, next_attempt_at, created_at)
          select w.id, n.id, ${now}::timestamptz, ${now}::timestamptz
          from new_events n join webhook_endpoints w
            on w.disabled_at is null and w.events ? n.type
          on conflict do nothing
          returning event_id)
        select id from new_events`,
    tx,
  );
  return inserted.length;
}
