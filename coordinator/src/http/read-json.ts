import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, ValidationError } from '../errors.ts';
import { findNul } from './find-nul.ts';
import { defaultBodyLimits, readBodyText } from './read-body-text.ts';

/**
 * Reads a request body within the app's limits (`readBodyText`: size, JSON values and depth,
 * checked as it streams in), parses it as JSON, then with `schema`; clear errors for each step.
 * Text with a NUL character is refused too: the database cannot store it.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const body = await readBodyText(
    c.req.raw,
    c.get('bodyLimits') ?? defaultBodyLimits,
    c.get('bodyGate'),
  );
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch (cause) {
    throw new AppError('BAD_JSON', 'The request body is not valid JSON.', { cause });
  }
  const nul = body.hasNul ? findNul(json) : null;
  if (nul !== null) {
    throw new ValidationError(
      `Invalid request: ${nul || 'body'}: text must not contain NUL (U+0000).`,
      {
        issues: [{ path: nul === '' ? [] : nul.split('.'), message: 'contains NUL (U+0000)' }],
      },
    );
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
