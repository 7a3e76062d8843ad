import { errorResponseSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import { AppError, ValidationError } from '../errors.ts';
import { createLogger } from '../observability/logger.ts';
import { createErrorHandler, toAppError } from './error-handler.ts';

/** An error as postgres-js raises it: a socket error, or its own connection code. */
function driverError(code: string, message = `driver: ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

/** As drizzle wraps a driver error (DrizzleQueryError): the query, and the driver's error as cause. */
function drizzleWrapped(cause: Error): Error {
  return Object.assign(new Error('Failed query: select 1\nparams: ', { cause }), {
    query: 'select 1',
    params: [],
  });
}

/** As viem reports an RPC endpoint that refuses connections: no query anywhere in the chain. */
function rpcRefused(): Error {
  const fetchFailed = new TypeError('fetch failed', { cause: driverError('ECONNREFUSED') });
  return new Error('HTTP request failed. URL: http://127.0.0.1:8545', { cause: fetchFailed });
}

/** An app whose one route throws `error`, with the coordinator's error handler; logs captured. */
function appThrowing(error: Error) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', {}, (line) => lines.push(JSON.parse(line)));
  const app = new Hono();
  app.get('/boom', () => {
    throw error;
  });
  app.onError(createErrorHandler(logger));
  return { app, lines };
}

describe('database connection errors', () => {
  it.each([
    ['a refused connection (server down)', drizzleWrapped(driverError('ECONNREFUSED'))],
    ['a connection closed mid-query', driverError('CONNECTION_CLOSED')],
    ['a broken pipe while writing', drizzleWrapped(driverError('EPIPE'))],
    ['a connect timeout', driverError('CONNECT_TIMEOUT')],
    ['the server shutting down (57P01)', drizzleWrapped(driverError('57P01'))],
    ['the server starting up (57P03)', driverError('57P03')],
    ['SQLSTATE class 08 (08006)', driverError('08006')],
    [
      "withRetry's UNAVAILABLE over a lost connection",
      new AppError('UNAVAILABLE', 'aborted 4 times', { cause: driverError('CONNECTION_CLOSED') }),
    ],
  ])('map %s to 503 DATABASE_UNAVAILABLE', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const mapped = toAppError(error);
    expect(mapped.code).toBe('DATABASE_UNAVAILABLE');
    expect(mapped.status).toBe(503);
    expect(mapped.retryable).toBe(true);
  });

  it.each([
    ['a unique violation', drizzleWrapped(driverError('23505')), 'INTERNAL'],
    ['a syntax error', drizzleWrapped(driverError('42601')), 'INTERNAL'],
    ['a plain error', new Error('boom'), 'INTERNAL'],
    ['a chain RPC refusing connections', rpcRefused(), 'INTERNAL'],
    ['a bare socket error outside any query', driverError('ECONNRESET'), 'INTERNAL'],
    ['a validation error', new ValidationError('bad field'), 'VALIDATION_FAILED'],
    [
      'a deadlock given up by withRetry',
      new AppError('UNAVAILABLE', 'aborted', { cause: driverError('40P01') }),
      'UNAVAILABLE',
    ],
  ])('leave %s alone', (_, error, code) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toAppError(error).code).toBe(code);
  });

  it('answers 503 with Retry-After and the protocol error shape, and logs one warning line', async () => {
    const { app, lines } = appThrowing(
      drizzleWrapped(driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')),
    );
    const response = await app.request('/boom');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    const body = errorResponseSchema.parse(await response.json());
    expect(body.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryable: true });
    expect(body.error.message).not.toContain('127.0.0.1');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'database unavailable',
        reason: 'connect ECONNREFUSED 127.0.0.1:5432',
      }),
    ]);
  });

  it('still answers other failures 500 INTERNAL without Retry-After, logged as errors', async () => {
    const { app, lines } = appThrowing(drizzleWrapped(driverError('23505')));
    const response = await app.request('/boom');
    expect(response.status).toBe(500);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(errorResponseSchema.parse(await response.json()).error.code).toBe('INTERNAL');
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'request failed' })]);
  });
});
