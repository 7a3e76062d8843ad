import type { ErrorResponse } from '@plaza/protocol';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../errors.ts';
import type { Logger } from '../observability/logger.ts';

/**
 * Answers every error in the protocol's shape. AppErrors keep their code and status; anything else
 * is a 500 that is logged with its cause and never leaks internals.
 */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
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

function toAppError(error: Error): AppError {
  if (error instanceof AppError) return error;
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
