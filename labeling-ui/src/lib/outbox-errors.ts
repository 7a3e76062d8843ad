import { CoordinatorError, errorCodes } from '@plaza/protocol';
import type { SubmitLabelResult } from './outbox-entry.ts';

/** The error of a label the server answered `rejected` (resending it cannot help). */
export function rejectionError(result: SubmitLabelResult): CoordinatorError {
  const code = result.error?.code ?? 'LABEL_REJECTED';
  const status = code in errorCodes ? errorCodes[code as keyof typeof errorCodes].status : 422;
  const message = result.error?.message ?? `The label of item ${result.itemId} was refused.`;
  return new CoordinatorError(code, message, status, false);
}

/** Anything a send threw, as a coordinator error; unknown failures count as network failures. */
export function asCoordinatorError(cause: unknown): CoordinatorError {
  if (cause instanceof CoordinatorError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new CoordinatorError('NETWORK', `Sending labels failed: ${message}`, 0, true, undefined, {
    cause,
  });
}

/** The session is not accepted: sending must wait for a new sign-in. */
export function isAuthFailure(error: CoordinatorError): boolean {
  return error.status === 401 || error.code === 'SESSION_INVALID' || error.code === 'UNAUTHORIZED';
}

/**
 * Retry when the server says it may help, and also when its answer could not be read
 * (`BAD_RESPONSE`): then nobody knows whether the label was refused, and a resend is harmless
 * because the server deduplicates by `clientId` and revision.
 */
export function isRetryable(error: CoordinatorError): boolean {
  return error.retryable || error.code === 'BAD_RESPONSE';
}
