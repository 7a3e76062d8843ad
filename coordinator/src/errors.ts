import { type ErrorCode, errorCodes } from '@plaza/protocol';

/**
 * The one error type of the coordinator: a code from the protocol, its HTTP status, whether a retry
 * can help, optional details for the client and the underlying cause for the logs.
 */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly status: number;
  readonly retryable: boolean;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { details?: unknown; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = errorCodes[code].status;
    this.retryable = errorCodes[code].retryable;
    this.details = options.details;
  }

  readonly details: unknown;
}

/** The request body or a parameter failed validation. */
export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(message: string, details?: unknown) {
    super('VALIDATION_FAILED', message, { details });
  }
}

/** A thing looked up by id does not exist. */
export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(
    code: 'NOT_FOUND' | 'CAMPAIGN_NOT_FOUND' | 'LEASE_NOT_FOUND' | 'ROUTE_NOT_FOUND',
    message: string,
  ) {
    super(code, message);
  }
}

/** A signature did not recover to the address that claims it. */
export class SignatureInvalidError extends AppError {
  override readonly name = 'SignatureInvalidError';
  constructor(message: string) {
    super('SIGNATURE_INVALID', message);
  }
}

/** Missing or wrong credentials. */
export class UnauthorizedError extends AppError {
  override readonly name = 'UnauthorizedError';
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}
