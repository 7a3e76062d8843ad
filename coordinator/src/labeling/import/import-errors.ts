import { AppError } from '../../errors.ts';
import type { LineError } from './read-records.ts';

/** How many line errors an `IMPORT_INVALID` answer lists (all are counted). */
export const LISTED_ERRORS = 100;

/** Throws `IMPORT_INVALID` with the errors by line when there is any: nothing is written. */
export function refuseIfInvalid(errors: readonly LineError[], records: number): void {
  if (errors.length === 0) return;
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const first = sorted[0] as LineError;
  throw new AppError(
    'IMPORT_INVALID',
    `The file has ${errors.length} problem(s), nothing was imported; the first, line ${first.line}: ${first.code}: ${first.message}`,
    { details: { errors: sorted.slice(0, LISTED_ERRORS), errorCount: errors.length, records } },
  );
}

/** A unique violation (another writer got there first) as a retryable `IMPORT_CONFLICT`. */
export function asImportConflict(error: unknown): unknown {
  const code = (error as { cause?: { code?: string }; code?: string })?.cause?.code;
  if (code !== '23505' && (error as { code?: string })?.code !== '23505') return error;
  return new AppError(
    'IMPORT_CONFLICT',
    'Another writer stored some of the same items meanwhile; nothing was imported, run it again.',
    { cause: error },
  );
}
