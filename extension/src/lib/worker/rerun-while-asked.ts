/**
 * One session at a time: a call while a session runs joins it and has it run once more when it
 * ends (the running one may have read the settings before they changed); the caller gets the last
 * session's result, or the sessions' results folded with `combine`.
 *
 * @example
 * const run = rerunWhileAsked(() => workSession(runtime));
 * await Promise.all([run(), run()]); // one session, then one more
 */
export function rerunWhileAsked<T>(
  session: () => Promise<T>,
  combine: (previous: T, next: T) => T = (_previous, next) => next,
): () => Promise<T> {
  let running: Promise<T> | null = null;
  let again = false;
  const loop = async () => {
    let result: T = await session();
    while (again) {
      again = false;
      result = combine(result, await session());
    }
    return result;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  };
}
