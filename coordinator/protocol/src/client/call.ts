import type { z } from 'zod';
import { errorResponseSchema } from '../status.ts';
import type { CoordinatorClientOptions } from './client-options.ts';
import { CoordinatorError } from './coordinator-error.ts';

/** Who a call authenticates as: the device token, the admin key (or a session), a session. */
export type CallAuth = 'device' | 'admin' | 'session';

/** One API call: the answer parsed with `schema`, any failure a `CoordinatorError`. */
export type Call = <S extends z.ZodType>(
  schema: S,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  auth?: CallAuth,
) => Promise<z.output<S>>;

/**
 * The calls of one client: JSON in and out, the bearer token `auth` names, errors decoded from
 * the coordinator's `{ error }` body (`BAD_RESPONSE` when there is none or the answer does not
 * match the protocol, `NETWORK` when the coordinator could not be reached).
 */
export function createCall(options: CoordinatorClientOptions): Call {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');

  return async function call<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    auth?: CallAuth,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token =
      auth === 'device'
        ? options.deviceToken
        : auth === 'admin'
          ? (options.adminKey ?? options.sessionToken)
          : auth === 'session'
            ? options.sessionToken
            : '';
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new CoordinatorError('NETWORK', `Could not reach ${base}${path}.`, 0, true, undefined, {
        cause,
      });
    }
    return readAnswer(response, schema, `${method} ${path}`);
  };
}

/**
 * A coordinator's answer as the protocol reads it: the body parsed with `schema`, or the
 * `CoordinatorError` its `{ error }` body carries (`BAD_RESPONSE` when there is none, or when the
 * body does not match `schema`). `request` names the call in messages (`GET /v1/status`).
 */
export async function readAnswer<S extends z.ZodType>(
  response: Response,
  schema: S,
  request: string,
): Promise<z.output<S>> {
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorResponseSchema.safeParse(json);
    if (parsed.success) {
      const { code, message, retryable, details } = parsed.data.error;
      throw new CoordinatorError(code, message, response.status, retryable, details);
    }
    throw new CoordinatorError(
      'BAD_RESPONSE',
      `${request} answered ${response.status} without an error body.`,
      response.status,
      response.status >= 500,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new CoordinatorError(
      'BAD_RESPONSE',
      `${request} answered a body that does not match the protocol.`,
      response.status,
      false,
      parsed.error.issues,
    );
  }
  return parsed.data;
}
