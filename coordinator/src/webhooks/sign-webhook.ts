import { createHmac, randomBytes } from 'node:crypto';

/** A new endpoint secret: `whsec_` and 32 random bytes in base64 (Standard Webhooks). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The headers of one delivery per the Standard Webhooks spec: `webhook-id`, `webhook-timestamp`
 * (Unix seconds) and `webhook-signature` = `v1,` + base64 of HMAC-SHA256 over
 * `id.timestamp.body`, keyed with the base64-decoded part of the secret after `whsec_`.
 *
 * @example
 * signWebhook({ secret, id: 'msg_1', timestamp: 1_700_000_000, body: '{}' })
 */
export function signWebhook(params: {
  secret: string;
  id: string;
  timestamp: number;
  body: string;
}): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const key = Buffer.from(params.secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key)
    .update(`${params.id}.${params.timestamp}.${params.body}`)
    .digest('base64');
  return {
    'webhook-id': params.id,
    'webhook-timestamp': String(params.timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}
