import { AppError } from '../errors.ts';
import type { BodyGate } from './body-gate.ts';
import { createJsonScanner, type JsonShapeLimits } from './json-scanner.ts';

/** Bounds on every request body: its size and the shape of its JSON. */
export interface BodyLimits extends JsonShapeLimits {
  /** Largest body, bytes. */
  maxBytes: number;
}

/** The defaults of `PLAZA_MAX_BODY_BYTES`, `PLAZA_MAX_BODY_NODES` and `PLAZA_MAX_BODY_DEPTH`. */
export const defaultBodyLimits: BodyLimits = Object.freeze({
  maxBytes: 8 * 1024 * 1024,
  maxNodes: 200_000,
  maxDepth: 64,
});

/**
 * A body declared (`Content-Length`) at most this long is read without waiting for the gate's
 * turns: scanning it costs microseconds, like parsing its request's headers, and small requests
 * (a lease, a vote) must not queue behind the chunks of every upload in progress.
 */
export const UNGATED_BODY_BYTES = 16 * 1024;

/** A request body read within its limits. */
export interface BodyText {
  text: string;
  /** Whether the JSON holds a `\u0000` escape somewhere (then `findNul` says where). */
  hasNul: boolean;
}

/**
 * Reads a request body as it streams in, refusing it as soon as it breaks a limit, without
 * reading the rest: a declared or actual size over `maxBytes` (`BODY_TOO_LARGE`), more JSON values
 * than `maxNodes` (`BODY_TOO_COMPLEX`), nesting deeper than `maxDepth` (`BODY_TOO_DEEP`). Each
 * chunk is scanned when it arrives (`createJsonScanner`: linear, constant memory), so a hostile
 * body costs a few microseconds per chunk, never one long pause, and `JSON.parse` afterwards only
 * ever sees a bounded number of values. With a `gate`, each chunk waits for its turn
 * (`createBodyGate`), so many bodies at once share the event loop with everything else; a body
 * declared at most {@link UNGATED_BODY_BYTES} long takes no turns.
 */
export async function readBodyText(
  request: Request,
  limits: BodyLimits,
  gate?: BodyGate,
): Promise<BodyText> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) throw tooLarge(limits);
  if (!request.body) return { text: '', hasNul: false };
  const scanner = createJsonScanner(limits);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const isSmall = Number.isFinite(declared) && declared <= UNGATED_BODY_BYTES;
  try {
    for (;;) {
      // The read after a body's declared length only says it is done: no turn for it either. A
      // body that streams past what it declared (or past the small size) takes turns again.
      const finalRead = Number.isFinite(declared) && size === declared;
      if (!finalRead && !(isSmall && size <= UNGATED_BODY_BYTES)) await gate?.turn();
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) throw tooLarge(limits);
      const problem = scanner.write(value);
      if (problem === 'TOO_MANY_NODES') {
        throw new AppError(
          'BODY_TOO_COMPLEX',
          `The request body holds more than ${limits.maxNodes} JSON values.`,
        );
      }
      if (problem === 'TOO_DEEP') {
        throw new AppError(
          'BODY_TOO_DEEP',
          `The request body nests JSON deeper than ${limits.maxDepth} levels.`,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof AppError) throw error;
    throw new AppError('BAD_JSON', 'The request body could not be read to its end.', {
      cause: error,
    });
  }
  return { text: decode(chunks, size), hasNul: scanner.hasNul };
}

function decode(chunks: readonly Uint8Array[], size: number): string {
  if (chunks.length === 1) return new TextDecoder().decode(chunks[0]);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

function tooLarge(limits: BodyLimits): AppError {
  return new AppError(
    'BODY_TOO_LARGE',
    `The request body is larger than ${limits.maxBytes} bytes.`,
  );
}
