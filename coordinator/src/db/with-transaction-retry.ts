import type { Db, PlazaTransaction } from '@plaza/db';
import { AppError } from '../errors.ts';

/** PostgreSQL codes worth retrying a whole transaction for: serialization failure, deadlock. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);

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
 * Runs `work` in a transaction, retrying it (up to `attempts` times) when PostgreSQL aborted it for
 * a deadlock or a serialization failure. Other errors pass through untouched.
 */
export async function withTransactionRetry<T>(
  db: Db,
  work: (tx: PlazaTransaction) => Promise<T>,
  attempts = 4,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.db.transaction(work);
    } catch (error) {
      const code = pgCode(error);
      if (!code || !RETRYABLE_CODES.has(code)) throw error;
      if (attempt >= attempts) {
        throw new AppError('UNAVAILABLE', `The database aborted a transaction ${attempts} times.`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}
