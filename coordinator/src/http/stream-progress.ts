import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import type { Logger } from '../observability/logger.ts';
import { toAppError } from './error-handler.ts';

/** Whether the client asked for progress lines (`Accept: application/x-ndjson`). */
export function wantsProgress(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('application/x-ndjson');
}

/**
 * Answers a long operation as NDJSON: `{"progress": {...}}` lines while it runs, then one
 * `{"result": …}` line, or one `{"error": {code, message, retryable, details?}}` line (the status
 * is already 200 by then, so the error travels in the body).
 */
export function streamProgress<T, P>(
  c: Context,
  logger: Logger,
  work: (progress: (update: P) => void) => Promise<T>,
) {
  c.header('content-type', 'application/x-ndjson');
  return stream(c, async (out) => {
    const lines: Promise<unknown>[] = [];
    const write = (value: unknown) => {
      lines.push(
        out.write(`${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}\n`),
      );
    };
    try {
      const result = await work((update) => write({ progress: update }));
      write({ result });
    } catch (error) {
      const appError = toAppError(error instanceof Error ? error : new Error(String(error)));
      if (appError.status >= 500) logger.error('streamed request failed', { err: error });
      write({
        error: {
          code: appError.code,
          message: appError.message,
          retryable: appError.retryable,
          ...(appError.details === undefined ? {} : { details: appError.details }),
        },
      });
    }
    await Promise.all(lines);
  });
}
