/**
 * An aggregation function got input it cannot use: a label outside the classes, a span outside
 * its text, a bad option. Labels are validated when they are submitted, so this is a bug or a
 * corrupt row rather than a client mistake: status 500, and retrying the same input cannot help.
 * (A plain `Error` with the `AppError` fields, like `LanguageModelLoadError`, so that these pure
 * functions need not load the protocol package.)
 */
export class AggregationInputError extends Error {
  override readonly name = 'AggregationInputError';
  readonly code = 'AGGREGATION_INPUT_INVALID';
  readonly status = 500;
  readonly retryable = false;

  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
