import { type SubmitLabelsResponse, submitLabelSchema } from '@plaza/protocol';
import { z } from 'zod';
import { type KeyValueStorage, readJson } from './storage.ts';

/** A label waiting to be sent, exactly as `POST /v1/labeling/labels` takes it. */
export type OutboxLabel = z.output<typeof submitLabelSchema>;

/** The server's answer for one label. */
export type SubmitLabelResult = SubmitLabelsResponse['results'][number];

const outboxEntrySchema = z.object({
  label: submitLabelSchema,
  /** Failed sends so far; the backoff grows with it. */
  attempts: z.number().int().min(0),
  /** Epoch milliseconds before which the entry is not sent again. */
  nextAttemptAt: z.number(),
});

/** A label in the outbox with its retry state. */
export type OutboxEntry = z.output<typeof outboxEntrySchema>;

/** The stored form (version 1): entries are parsed one by one on load. */
const storedOutboxSchema = z.object({ version: z.literal(1), entries: z.array(z.unknown()) });

/**
 * Reads the stored outbox, entry by entry (one unreadable label must not cost the others), and
 * makes every entry due at `at`: a reload sends what is waiting at once.
 */
export function loadOutboxEntries(
  storage: KeyValueStorage,
  key: string,
  at: number,
): OutboxEntry[] {
  const stored = readJson(storage, key, storedOutboxSchema);
  if (!stored) return [];
  const entries: OutboxEntry[] = [];
  for (const raw of stored.entries) {
    const parsed = outboxEntrySchema.safeParse(raw);
    if (parsed.success) entries.push({ ...parsed.data, nextAttemptAt: at });
  }
  return entries;
}
