import { AppError } from '../errors.ts';

/**
 * Codes only the database gives: the postgres-js driver's own connection codes, and PostgreSQL's
 * server shutting down, crashing or still starting (57P01–57P03); SQLSTATE class 08 (connection
 * exception) is matched by prefix.
 */
const DATABASE_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
]);

/**
 * Socket errors: they mean the database only when a query failed with them (the driver and
 * drizzle mark query errors with a `query` property); a chain RPC or a page fetch failing with
 * the same code is not the database.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** Seconds a client should wait before retrying when the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * Whether `error` (or one of its causes: drizzle wraps the driver's error) says the database could
 * not be reached or dropped the connection, as during a restart or failover.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  let isQuery = false;
  let socketCode = false;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const { code, query } = current as { code?: unknown; query?: unknown };
    if (typeof query === 'string') isQuery = true;
    if (typeof code === 'string') {
      if (DATABASE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
      if (SOCKET_CODES.has(code)) socketCode = true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return socketCode && isQuery;
}

/** The error a request answers with when its database is away: 503, retryable. */
export function databaseUnavailableError(cause: unknown): AppError {
  return new AppError(
    'DATABASE_UNAVAILABLE',
    `The coordinator cannot reach its database right now; retry in ${DATABASE_RETRY_AFTER_SECONDS} s.`,
    { cause },
  );
}
