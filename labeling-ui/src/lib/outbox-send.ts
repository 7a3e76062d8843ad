import type { SubmitLabelsResponse } from '@plaza/protocol';
import type { OutboxLabel } from './outbox-entry.ts';
import { asCoordinatorError, isAuthFailure, isRetryable, rejectionError } from './outbox-errors.ts';
import type { OutboxStore } from './outbox-store.ts';

/** Whether the drain goes on after a batch. */
export type SendOutcome = 'continue' | 'stop';

/** Sends one batch of labels. */
export type SendLabels = (labels: OutboxLabel[]) => Promise<SubmitLabelsResponse>;

/**
 * Sends one batch and applies the answer: each answered label leaves (reported as a result or a
 * rejection), the unanswered back off; a failed request pauses (auth), backs off (retryable), or
 * is split to find the one label the server refuses.
 */
export async function sendBatch(
  store: OutboxStore,
  send: SendLabels,
  batch: readonly OutboxLabel[],
): Promise<SendOutcome> {
  let response: SubmitLabelsResponse;
  try {
    response = await send([...batch]);
  } catch (cause) {
    if (store.disposed) return 'stop';
    return handleSendFailure(store, send, batch, cause);
  }
  if (store.disposed) return 'stop';
  const answered = new Set<string>();
  for (const result of response.results) {
    const sent = batch.find((label) => label.clientId === result.clientId);
    if (!sent) continue;
    answered.add(sent.clientId);
    store.settle(sent);
    if (result.status === 'rejected') {
      store.emit({ type: 'rejected', label: sent, error: rejectionError(result) });
    } else {
      store.emit({ type: 'result', label: sent, result });
    }
  }
  const unanswered = batch.filter((label) => !answered.has(label.clientId));
  if (unanswered.length > 0) store.backOff(unanswered);
  return 'continue';
}

/** A request that failed as a whole: pause, back off, split, or drop the one refused label. */
async function handleSendFailure(
  store: OutboxStore,
  send: SendLabels,
  batch: readonly OutboxLabel[],
  cause: unknown,
): Promise<SendOutcome> {
  const error = asCoordinatorError(cause);
  if (isAuthFailure(error)) {
    store.paused = true;
    store.emit({ type: 'auth-failed', error });
    return 'stop';
  }
  if (isRetryable(error)) {
    store.backOff(batch);
    return 'stop';
  }
  if (batch.length > 1) {
    // One bad label fails the whole request: send them one by one to find it.
    for (const sent of batch) {
      const current = store.entries.find((entry) => entry.label.clientId === sent.clientId);
      if (!current) continue;
      if ((await sendBatch(store, send, [current.label])) === 'stop') return 'stop';
    }
    return 'continue';
  }
  const [label] = batch;
  if (label) {
    store.settle(label);
    store.emit({ type: 'rejected', label, error });
  }
  return 'continue';
}
