// No imports: `plaza --help` loads this module, and must not pay for zod or the protocol.
// Errors are told apart by name and shape instead of by class.

/** An error the CLI explains in words, with a code and the exit status it ends with. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: string,
    message: string,
    /** 2 for a usage or input mistake, 1 for anything else. */
    readonly exitCode: 1 | 2 = 1,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const FILE_ERRORS: Record<string, [string, string]> = {
  ENOENT: ['FILE_NOT_FOUND', 'No such file or directory'],
  EACCES: ['FILE_NOT_READABLE', 'Permission denied'],
  EISDIR: ['FILE_IS_DIRECTORY', 'Expected a file but found a directory'],
  ENOTDIR: ['FILE_NOT_DIRECTORY', 'A part of the path is not a directory'],
};

interface ZodLike {
  issues: { path: PropertyKey[]; message: string }[];
}

/** The issues of a zod error, one line each, naming the field. */
export function describeZodIssues(error: ZodLike, what: string): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : what}: ${issue.message}`)
    .join('; ');
}

/**
 * Turns whatever a command threw into a CliError: a coordinator answer keeps its code, a network
 * failure says where it tried, a file problem names the file, a zod failure names the fields, an
 * unknown option points at `--help`. Nothing raw (no stack, no `ENOENT:` text) reaches the user.
 */
export function toCliError(error: unknown, command: string): CliError {
  if (error instanceof CliError) return error;
  const named = error as { name?: string; code?: string; message?: string };
  if (named?.name === 'ConfigError') {
    const config = error as Error & { code: string; problems: string[] };
    return new CliError(config.code, config.message, 2, config.problems);
  }
  if (named?.name === 'ChainConfigError' && typeof named.code === 'string') {
    return new CliError(named.code, named.message ?? 'The chain cannot be used.', 2);
  }
  if (named?.name === 'CoordinatorError') {
    const coordinatorError = error as Error & { code: string; status: number; details?: unknown };
    if (coordinatorError.code === 'NETWORK') {
      return new CliError(
        'COORDINATOR_UNREACHABLE',
        `${coordinatorError.message} Is the coordinator running ('plaza start'), and is PLAZA_URL or --url right?`,
      );
    }
    return new CliError(
      coordinatorError.code,
      coordinatorError.message,
      coordinatorError.status === 400 ? 2 : 1,
      coordinatorError.details,
    );
  }
  if (named?.name === 'ZodError') {
    const zod = error as ZodLike;
    return new CliError('VALIDATION_FAILED', describeZodIssues(zod, 'input'), 2, zod.issues);
  }
  const nodeError = error as NodeJS.ErrnoException & { path?: string };
  if (typeof nodeError?.code === 'string') {
    const file = FILE_ERRORS[nodeError.code];
    if (file) {
      return new CliError(file[0], `${file[1]}: ${nodeError.path ?? 'the file given'}.`, 2);
    }
    if (nodeError.code.startsWith('ERR_PARSE_ARGS')) {
      const detail = nodeError.message
        .split('.')[0]
        ?.replace(/^Unknown option '(.*)'$/, 'unknown option $1');
      return new CliError('USAGE', `${detail}; see 'plaza ${command} --help'.`, 2);
    }
  }
  if (error instanceof SyntaxError) {
    return new CliError('BAD_JSON', `Not valid JSON: ${error.message}.`, 2);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError('FAILED', message.split('\n')[0] ?? message);
}
