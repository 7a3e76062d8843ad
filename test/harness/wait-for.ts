/**
 * Polls `check` until it returns true; throws naming `what` (and `explain()`, what is still
 * missing) after `timeoutMs`.
 */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  options: { timeoutMs: number; what: string; everyMs?: number; explain?: () => unknown },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) {
      const detail = options.explain ? `\n${JSON.stringify(options.explain(), null, 1)}` : '';
      throw new Error(
        `Timed out after ${options.timeoutMs} ms waiting for ${options.what}.${detail}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 200));
  }
}
