import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../errors.ts';

/** Parses a request's query string with `schema`, with the same clear errors as `readJson`. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : 'query';
    throw new ValidationError(`Invalid query: ${where}: ${first?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}
