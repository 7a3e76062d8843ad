import type { ErrorResponse } from '@plaza/protocol';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailableError,
  isDatabaseUnavailable,
} from '../db/database-unavailable.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../observability/logger.ts';

/**
 * Answers every error in the protocol's shape. AppErrors keep their code and status; a lost
 * database connection (PostgreSQL restarting, failing over) is a 503 `DATABASE_UNAVAILABLE` with
 * `Retry-After`, logged as a warning; anything else is a 500 that is logged with its cause and
 * never leaks internals.
 */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    const appError = toAppError(error);
    if (appError.code === 'DATABASE_UNAVAILABLE') {
      c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      logger.warn('database unavailable', {
        method: c.req.method,
        path: c.req.path,
        reason: causeMessage(error),
      });
    } else if (appError.code.startsWith('BODY_TOO_')) {
      // The rest of a refused body is never read: close the connection instead of draining it.
      c.header('Connection', 'close');
    } else if (appError.code === 'RATE_LIMITED') {
      const { retryAfterSeconds } = (appError.details ?? {}) as { retryAfterSeconds?: number };
      c.header('Retry-After', String(retryAfterSeconds ?? 1));
    } else if (appError.status >= 500) {
      logger.error('request failed', { method: c.req.method, path: c.req.path, err: error });
    }
    const body: ErrorResponse = {
      error: {
        code: appError.code,
        message: appError.message,
        retryable: appError.retryable,
        ...(appError.details === undefined ? {} : { details: appError.details }),
      },
    };
    return c.json(body, appError.status as ContentfulStatusCode);
  };
}

/** The error as the protocol answers it (exported for tests). */
export function toAppError(error: Error): AppError {
  if (error instanceof AppError) {
    // A wrapper such as withRetry's UNAVAILABLE may carry a lost connection as its cause.
    return error.status >= 500 && isDatabaseUnavailable(error.cause)
      ? databaseUnavailableError(error.cause)
      : error;
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailableError(error);
  if (error instanceof HTTPException && error.status === 413) {
    return new AppError(
      'BODY_TOO_LARGE',
      'The request body is larger than the coordinator accepts.',
    );
  }
  return new AppError('INTERNAL', 'The coordinator failed to handle the request.', {
    cause: error,
  });
}

/** The innermost message of an error chain, for a one-line log. */
function causeMessage(error: unknown): string {
  let current: unknown = error;
  let message = String(error);
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const m = (current as { message?: unknown }).message;
    if (typeof m === 'string') message = m.split('\n')[0]!;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}
