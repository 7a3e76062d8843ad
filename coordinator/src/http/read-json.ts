import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, ValidationError } from '../errors.ts';

/** Parses a request body as JSON, then with `schema`; clear errors for both steps. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AppError('BAD_JSON', 'The request body is not valid JSON.', { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : 'body';
    throw new ValidationError(`Invalid request: ${where}: ${first?.message ?? 'invalid'}.`, {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path, message: i.message })),
    });
  }
  return parsed.data;
}
