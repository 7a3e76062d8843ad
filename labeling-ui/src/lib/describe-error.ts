import { CoordinatorError } from '@plaza/protocol';

/** An error as the UI shows it: a sentence and, when there is one, the code to quote. */
export interface ErrorDescription {
  code: string | null;
  message: string;
}

/** An error with a `code`: coordinator errors and the app's own (wallet) errors. */
interface CodedError extends Error {
  code: string;
}

/**
 * Turns anything thrown into what the UI shows. Coordinator errors keep their code; transport
 * failures say that the coordinator could not be reached.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof CoordinatorError) {
    if (error.code === 'NETWORK') {
      return {
        code: 'NETWORK',
        message: 'The coordinator could not be reached. Check your connection.',
      };
    }
    return { code: error.code, message: error.message };
  }
  if (error instanceof Error) {
    const code = (error as Partial<CodedError>).code;
    return { code: typeof code === 'string' ? code : null, message: error.message };
  }
  return { code: null, message: String(error) };
}

/** `message (CODE)` in one line. */
export function formatError(error: unknown): string {
  const { code, message } = describeError(error);
  return code ? `${message} (${code})` : message;
}

/** Whether the error means that the session token is no longer accepted. */
export function isSessionError(error: unknown): boolean {
  return (
    error instanceof CoordinatorError &&
    (error.code === 'SESSION_INVALID' || error.code === 'UNAUTHORIZED')
  );
}
