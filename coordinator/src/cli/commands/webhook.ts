import { webhookEventTypes } from '@plaza/protocol';
import { CliError } from '../cli-error.ts';
import type { CommandRun } from '../command-spec.ts';
import { formatTable } from '../format-table.ts';
import { stringOption, stringsOption } from '../option-values.ts';

/** `plaza webhook list`. */
export const list: CommandRun = async ({ client }) => {
  const { endpoints } = await client().listWebhooks();
  return {
    json: { endpoints },
    text:
      endpoints.length === 0
        ? "No webhook endpoints; add one with 'plaza webhook add --to URL'."
        : formatTable([
            ['id', 'url', 'events', 'delivered', 'pending', 'failed', 'state'],
            ...endpoints.map((e) => [
              e.id,
              e.url,
              e.events.length === webhookEventTypes.length ? 'all' : e.events.join(','),
              e.deliveries.delivered,
              e.deliveries.pending,
              e.deliveries.failed,
              e.disabledAt ? 'removed' : 'active',
            ]),
          ]),
  };
};

/** `plaza webhook add --to URL [--event TYPE]...`. */
export const add: CommandRun = async ({ values, client }) => {
  const url = stringOption(values, 'to');
  if (!url)
    throw new CliError(
      'USAGE',
      "'plaza webhook add' needs --to URL; see 'plaza webhook add --help'.",
      2,
    );
  const events = stringsOption(values, 'event');
  const unknown = events.filter((e) => !(webhookEventTypes as readonly string[]).includes(e));
  if (unknown.length > 0) {
    throw new CliError(
      'USAGE',
      `Unknown event type ${unknown.join(', ')}; the types are ${webhookEventTypes.join(', ')}.`,
      2,
    );
  }
  const result = await client().createWebhook({
    url,
    ...(events.length > 0 ? { events: events as (typeof webhookEventTypes)[number][] } : {}),
    ...(stringOption(values, 'description')
      ? { description: stringOption(values, 'description') }
      : {}),
  });
  return {
    json: result,
    text: `added webhook ${result.endpoint.id} → ${result.endpoint.url}\nsecret (shown once; verify signatures with it): ${result.secret}`,
  };
};

/** `plaza webhook remove ID`. */
export const remove: CommandRun = async ({ args, client }) => {
  const endpoint = await client().removeWebhook(args[0] as string);
  return { json: endpoint, text: `removed webhook ${endpoint.id} (its delivery log stays)` };
};

/** `plaza webhook deliveries ID`. */
export const deliveries: CommandRun = async ({ args, client }) => {
  const result = await client().webhookDeliveries(args[0] as string);
  return {
    json: result,
    text:
      result.deliveries.length === 0
        ? 'No deliveries yet.'
        : formatTable([
            ['event', 'type', 'status', 'attempts', 'last answer', 'next try'],
            ...result.deliveries.map((d) => {
              const last = d.log.at(-1);
              return [
                d.eventId,
                d.type,
                d.status,
                d.attempts,
                last ? (last.error ?? String(last.status)) : '—',
                d.nextAttemptAt ?? '—',
              ];
            }),
          ]),
  };
};
