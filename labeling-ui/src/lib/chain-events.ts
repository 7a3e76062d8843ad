import type { ChainEvent, ChainEventName, ChainEventOf } from './governance-schemas.ts';

/** An event's identity on the chain: its transaction and log index. */
export function eventKey(event: Pick<ChainEvent, 'txHash' | 'logIndex'>): string {
  return `${event.txHash}:${event.logIndex}`;
}

/**
 * Joins event lists from several queries: each event once (by transaction and log index), oldest
 * first, the order the chain applied them in.
 */
export function mergeEvents(...lists: readonly (readonly ChainEvent[])[]): ChainEvent[] {
  const seen = new Map<string, ChainEvent>();
  for (const list of lists) for (const event of list) seen.set(eventKey(event), event);
  return [...seen.values()].sort(
    (a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex,
  );
}

/** The events of one name, typed. */
export function eventsNamed<N extends ChainEventName>(
  events: readonly ChainEvent[],
  name: N,
): ChainEventOf<N>[] {
  return events.filter((event): event is ChainEventOf<N> => event.name === name);
}
