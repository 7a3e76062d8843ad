/**
 * One session at a time: a call while a session runs joins it and has it run once more when it
 * ends (the running one may have read the settings before they changed); the caller gets the last
 * session's result.
 *
 * @example
 * const run = rerunWhileAsked(() => workSession(runtime));
 * await Promise.all([run(), run()]); // one session, then one more
 */
export function rerunWhileAsked<T>(session: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let again = false;
  const loop = async () => {
    let result: T;
    do {
      again = false;
      result = await session();
    } while (again);
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
