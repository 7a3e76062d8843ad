import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { signWebhook } from './sign-webhook.ts';

/** How long a claimed delivery is left to the process that claimed it. */
const CLAIM_MS = 5 * 60_000;
/** The first retry waits this long; each next one four times longer, up to {@link MAX_BACKOFF_MS}. */
const FIRST_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 6 * 3600_000;
/** Bytes of a receiver's error answer kept in the log. */
const ERROR_BYTES = 200;

/** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 4 ** Math.max(0, attempts - 1));
}

interface DueDelivery extends Record<string, unknown> {
  endpoint_id: string;
  event_id: string;
  attempts: number;
  url: string;
  secret: string;
  payload: unknown;
}

/** Sends one delivery; the HTTP status (0 when none came) and the error, if any. */
async function send(
  deps: Pick<Deps, 'config' | 'clock'>,
  fetchImpl: typeof fetch,
  delivery: DueDelivery,
): Promise<{ status: number; error: string | null }> {
  const body = JSON.stringify(delivery.payload);
  const headers = signWebhook({
    secret: delivery.secret,
    id: delivery.event_id,
    timestamp: Math.floor(deps.clock.now().getTime() / 1000),
    body,
  });
  try {
    const response = await fetchImpl(delivery.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Plaza-Webhooks/1' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.config.PLAZA_WEBHOOK_TIMEOUT_SECONDS * 1000),
    });
    const text = await response.text().catch(() => '');
    if (response.status >= 200 && response.status < 300)
      return { status: response.status, error: null };
    return {
      status: response.status,
      error: `answered ${response.status}: ${text.slice(0, ERROR_BYTES)}`.trim(),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = error instanceof Error ? error.message : String(error);
    return { status: 0, error: cause ? `${message} (${cause})` : message };
  }
}

/**
 * One step of the delivery loop: claims up to `limit` due deliveries (`FOR UPDATE SKIP LOCKED`, so
 * processes share the work), posts each, signed, to its endpoint, and records the attempt. A 2xx
 * answer delivers it; anything else is retried after {@link backoffMs} until
 * PLAZA_WEBHOOK_MAX_ATTEMPTS, then the delivery is failed. Returns how many were attempted.
 */
export async function deliverWebhooks(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>,
  options: { fetch?: typeof fetch; limit?: number } = {},
): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db.rows<DueDelivery>(
    sql`with claimed as (
          select endpoint_id, event_id from webhook_deliveries
          where status = 'pending' and next_attempt_at <= ${now.toISOString()}
          order by next_attempt_at limit ${options.limit ?? 16}
          for update skip locked)
        update webhook_deliveries d
          set next_attempt_at = ${new Date(now.getTime() + CLAIM_MS).toISOString()}
        from claimed c, webhook_endpoints w, webhook_events e
        where d.endpoint_id = c.endpoint_id and d.event_id = c.event_id
          and w.id = d.endpoint_id and e.id = d.event_id
        returning d.endpoint_id, d.event_id, d.attempts, w.url, w.secret, e.payload`,
  );
  await Promise.all(
    due.map(async (delivery) => {
      const started = performance.now();
      const result = await send(deps, options.fetch ?? fetch, delivery);
      const at = deps.clock.now();
      const attempts = Number(delivery.attempts) + 1;
      const delivered = result.error === null;
      const failed = !delivered && attempts >= deps.config.PLAZA_WEBHOOK_MAX_ATTEMPTS;
      const entry = {
        at: at.toISOString(),
        ...result,
        ms: Math.round(performance.now() - started),
      };
      await deps.db.rows(
        sql`update webhook_deliveries set
              attempts = ${attempts},
              status = ${delivered ? 'delivered' : failed ? 'failed' : 'pending'},
              delivered_at = ${delivered ? at.toISOString() : null},
              next_attempt_at = ${new Date(at.getTime() + backoffMs(attempts)).toISOString()},
              log = log || ${JSON.stringify([entry])}::jsonb
            where endpoint_id = ${delivery.endpoint_id} and event_id = ${delivery.event_id}`,
      );
      if (!delivered) {
        deps.logger.warn(
          failed ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry',
          {
            endpoint: delivery.endpoint_id,
            event: delivery.event_id,
            attempts,
            status: result.status,
            error: result.error,
          },
        );
      }
    }),
  );
  return due.length;
}
