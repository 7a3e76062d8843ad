import { type RunPrelabelResponse, runPrelabelRequestSchema } from './prelabel-messages.ts';
import type { PrelabelRunner } from './run-prelabel-batch.ts';

/**
 * The offscreen document's handler for `prelabel` messages: validates the message (it crosses a
 * context boundary) and runs the batch. Returns undefined for other messages, so other listeners
 * answer them.
 */
export function createPrelabelMessageHandler(runner: PrelabelRunner) {
  return (message: unknown): Promise<RunPrelabelResponse> | undefined => {
    const parsed = runPrelabelRequestSchema.safeParse(message);
    if (!parsed.success) return undefined;
    return runner.run(parsed.data).then(
      (result): RunPrelabelResponse => ({ ok: true, ...result }),
      (error: unknown): RunPrelabelResponse => ({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  };
}
