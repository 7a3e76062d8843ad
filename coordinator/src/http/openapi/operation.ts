import type { z } from 'zod';

/** Who may call an operation. */
export type OperationAuth = 'none' | 'admin' | 'device' | 'session' | 'reviewer' | 'token';

/** One operation of the API, as the OpenAPI document and the reference page describe it. */
export interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** As hono routes it: `/v1/campaigns/:id`. */
  path: string;
  tag: string;
  summary: string;
  auth: OperationAuth;
  body?: z.ZodType;
  query?: z.ZodObject;
  /** The JSON answer; omitted for answers that are not JSON (then `produces` says what). */
  response?: z.ZodType;
  status?: number;
  produces?: string;
}
