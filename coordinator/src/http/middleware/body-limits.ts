import { createMiddleware } from 'hono/factory';
import { AppError } from '../../errors.ts';
import { type BodyGate, createBodyGate } from '../body-gate.ts';
import type { BodyLimits } from '../read-body-text.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The limits `readJson` reads every request body within (set by {@link bodyLimits}). */
    bodyLimits: BodyLimits;
    /** The app's turns for reading body chunks (see `createBodyGate`). */
    bodyGate: BodyGate;
  }
}

/**
 * The root of body handling for every route: refuses a declared `Content-Length` over the limit
 * before anything is read, and hands the limits and the app's body gate to `readJson`, the one
 * place a body is read (streamed, a chunk per turn of the gate, scanned for size, value count and
 * depth as it arrives; see `readBodyText`). A route that refuses a request first (no credentials)
 * never reads its body.
 */
export function bodyLimits(limits: BodyLimits) {
  const gate = createBodyGate();
  return createMiddleware(async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      throw new AppError(
        'BODY_TOO_LARGE',
        `The request body is larger than ${limits.maxBytes} bytes.`,
      );
    }
    c.set('bodyLimits', limits);
    c.set('bodyGate', gate);
    await next();
  });
}
