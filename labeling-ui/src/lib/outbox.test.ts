import { CoordinatorError, type SubmitLabelsResponse } from '@plaza/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutbox, type OutboxEvent, type OutboxLabel, type OutboxOptions } from './outbox.ts';
import { createMemoryStorage } from './storage.ts';

const KEY = 'plaza:outbox:test';

function label(itemId: number, revision = 0, clientId = uuid(itemId)): OutboxLabel {
  return {
    clientId,
    revision,
    itemId,
    value: { kind: 'classification', class: revision },
    durationMs: 1200,
    prelabelShown: false,
  };
}

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function stored(labels: readonly OutboxLabel[]): SubmitLabelsResponse {
  return {
    results: labels.map((l) => ({
      clientId: l.clientId,
      itemId: l.itemId,
      labelId: `label-${l.itemId}`,
      status: 'stored' as const,
      prelabel: null,
    })),
  };
}

function setup(send: OutboxOptions['send'], storage = createMemoryStorage()) {
  const outbox = createOutbox({ storage, key: KEY, send, random: () => 1 });
  const events: OutboxEvent[] = [];
  outbox.onEvent((event) => events.push(event));
  return { outbox, events, storage };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createOutbox', () => {
  it('persists labels at once and reloads them after a restart', async () => {
    const send = vi.fn(async () => {
      throw new CoordinatorError('NETWORK', 'offline', 0, true);
    });
    const first = setup(send);
    first.outbox.enqueue(label(1));
    first.outbox.enqueue(label(2));
    expect(first.storage.getItem(KEY)).toContain(uuid(2));
    first.outbox.dispose();

    const sendOk = vi.fn(async (labels: OutboxLabel[]) => stored(labels));
    const second = setup(sendOk, first.storage);
    expect([...second.outbox.pendingItemIds()]).toEqual([1, 2]);
    await second.outbox.flush();
    expect(sendOk).toHaveBeenCalledTimes(1);
    expect(sendOk.mock.calls[0]?.[0].map((l) => l.itemId)).toEqual([1, 2]);
    expect(second.outbox.entries()).toEqual([]);
    expect(JSON.parse(second.storage.getItem(KEY) ?? '{}').entries).toEqual([]);
  });

  it('batches what is pending, at most 50 labels a request', async () => {
    const send = vi.fn(async (labels: OutboxLabel[]) => stored(labels));
    const { outbox } = setup(send);
    for (let i = 1; i <= 60; i++) outbox.enqueue(label(i));
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(30);
    expect(send.mock.calls.map((call) => call[0].length)).toEqual([50, 10]);
    expect(outbox.entries()).toHaveLength(0);
  });

  it('keeps only the newest revision of a label', async () => {
    const send = vi.fn(async (labels: OutboxLabel[]) => stored(labels));
    const { outbox } = setup(send);
    outbox.enqueue(label(7, 0));
    outbox.enqueue(label(7, 1));
    outbox.enqueue(label(7, 0));
    expect(outbox.entries().map((e) => e.label.revision)).toEqual([1]);
    await outbox.flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]?.[0]).toEqual([label(7, 1)]);
  });

  it('keeps an edit made while its first revision is in flight', async () => {
    let release: (() => void) | undefined;
    const send = vi.fn(
      (labels: OutboxLabel[]) =>
        new Promise<SubmitLabelsResponse>((resolve) => {
          release = () => resolve(stored(labels));
        }),
    );
    const { outbox } = setup(send);
    outbox.enqueue(label(3, 0));
    const flushing = outbox.flush();
    outbox.enqueue(label(3, 1));
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.entries().map((e) => e.label.revision)).toEqual([1]);
    release?.();
    await flushing;
    expect(send.mock.calls.map((call) => call[0][0]?.revision)).toEqual([0, 1]);
    expect(outbox.entries()).toEqual([]);
  });

  it('retries a retryable failure with a growing backoff', async () => {
    const send = vi
      .fn<OutboxOptions['send']>()
      .mockRejectedValueOnce(new CoordinatorError('UNAVAILABLE', 'busy', 503, true))
      .mockRejectedValueOnce(new CoordinatorError('NETWORK', 'offline', 0, true))
      .mockImplementation(async (labels) => stored(labels));
    const { outbox } = setup(send);
    outbox.enqueue(label(1));
    await vi.advanceTimersByTimeAsync(30);
    expect(send).toHaveBeenCalledTimes(1);
    expect(outbox.entries()[0]?.attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(send).toHaveBeenCalledTimes(2);
    expect(outbox.entries()[0]?.attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(1500);
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(600);
    expect(send).toHaveBeenCalledTimes(3);
    expect(outbox.entries()).toEqual([]);
  });

  it('drops a label refused for good, reports its code, and still sends the others', async () => {
    const send = vi.fn(async (labels: OutboxLabel[]) => {
      if (labels.some((l) => l.itemId === 2)) {
        throw new CoordinatorError('LABEL_INVALID', 'class 9 is not in the schema', 422, false);
      }
      return stored(labels);
    });
    const { outbox, events } = setup(send);
    outbox.enqueue(label(1));
    outbox.enqueue(label(2));
    outbox.enqueue(label(3));
    await outbox.flush();
    expect(outbox.entries()).toEqual([]);
    const rejected = events.filter((e) => e.type === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.type === 'rejected' && rejected[0].error.code).toBe('LABEL_INVALID');
    expect(rejected[0]?.type === 'rejected' && rejected[0].label.itemId).toBe(2);
    const results = events.filter((e) => e.type === 'result');
    expect(results.map((e) => (e.type === 'result' ? e.label.itemId : 0))).toEqual([1, 3]);
  });

  it('drops a label the server answers `rejected` and reports its code', async () => {
    const send = vi.fn(
      async (labels: OutboxLabel[]): Promise<SubmitLabelsResponse> => ({
        results: labels.map((l) =>
          l.itemId === 5
            ? {
                clientId: l.clientId,
                itemId: l.itemId,
                labelId: '',
                status: 'rejected' as const,
                error: { code: 'LABEL_NOT_EDITABLE', message: 'Only the last 10 can change.' },
                prelabel: null,
              }
            : stored([l]).results[0]!,
        ),
      }),
    );
    const { outbox, events } = setup(send);
    outbox.enqueue(label(4));
    outbox.enqueue(label(5, 2));
    await outbox.flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(outbox.entries()).toEqual([]);
    const rejected = events.find((e) => e.type === 'rejected');
    expect(rejected?.type === 'rejected' && [rejected.label.itemId, rejected.error.code]).toEqual([
      5,
      'LABEL_NOT_EDITABLE',
    ]);
    expect(rejected?.type === 'rejected' && rejected.error.status).toBe(409);
    expect(events.filter((e) => e.type === 'result')).toHaveLength(1);
  });

  it('keeps every label when the session is no longer valid', async () => {
    const send = vi.fn(async () => {
      throw new CoordinatorError('SESSION_INVALID', 'expired', 401, false);
    });
    const { outbox, events } = setup(send);
    outbox.enqueue(label(1));
    outbox.enqueue(label(2));
    await outbox.flush();
    expect(events.map((e) => e.type)).toEqual(['auth-failed']);
    expect(outbox.entries()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('passes revealed pre-labels on and retries labels the server left unanswered', async () => {
    const send = vi.fn(
      async (labels: OutboxLabel[]): Promise<SubmitLabelsResponse> => ({
        results: labels
          .filter((l) => l.itemId !== 2)
          .map((l) => ({
            clientId: l.clientId,
            itemId: l.itemId,
            labelId: 'x',
            status: 'stored' as const,
            prelabel: {
              value: { kind: 'classification' as const, class: 1 },
              confidence: 0.9,
              source: { kind: 'model' as const, model: 'abc' },
            },
          })),
      }),
    );
    const { outbox, events } = setup(send);
    outbox.enqueue(label(1));
    outbox.enqueue(label(2));
    await outbox.flush();
    const result = events.find((e) => e.type === 'result');
    expect(result?.type === 'result' && result.result.prelabel?.confidence).toBe(0.9);
    expect(outbox.entries().map((e) => [e.label.itemId, e.attempts])).toEqual([[2, 1]]);
  });

  it('skips unreadable stored entries but keeps the readable ones', () => {
    const storage = createMemoryStorage({
      [KEY]: JSON.stringify({
        version: 1,
        entries: [{ nonsense: true }, { label: label(4), attempts: 0, nextAttemptAt: 0 }],
      }),
    });
    const { outbox } = setup(async (labels) => stored(labels), storage);
    expect([...outbox.pendingItemIds()]).toEqual([4]);
  });
});
