import type { Db, PlazaTransaction } from '@plaza/db';
import { AppError } from '../errors.ts';

/** PostgreSQL codes worth retrying a whole transaction for: serialization failure, deadlock. */
const RETRYABLE_CODES = ['40001', '40P01'];

function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Runs `work` (one statement or a whole transaction) again when PostgreSQL aborted it with one of
 * `codes` (by default a deadlock or a serialization failure), up to `attempts` times. Other errors
 * pass through.
 */
export async function withRetry<T>(
  work: () => Promise<T>,
  attempts = 4,
  codes: readonly string[] = RETRYABLE_CODES,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = pgCode(error);
      if (!code || !codes.includes(code)) throw error;
      if (attempt >= attempts) {
        throw new AppError('UNAVAILABLE', `The database aborted a transaction ${attempts} times.`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

/** Runs `work` in a transaction, retried as {@link withRetry} says. */
export function withTransactionRetry<T>(
  db: Db,
  work: (tx: PlazaTransaction) => Promise<T>,
  attempts = 4,
): Promise<T> {
  return withRetry(() => db.db.transaction(work), attempts);
}
