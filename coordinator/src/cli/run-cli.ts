import { parseArgs } from 'node:util';
import type { CoordinatorClient } from '@plaza/protocol';
import type { Config } from '../config.ts';
import { CliError, toCliError } from './cli-error.ts';
import type { CommandContext, CommandSpec } from './command-spec.ts';
import { commands } from './commands.ts';
import { commandHelp, globalOptions, overviewHelp, remoteOptions } from './help.ts';

/** Where the CLI writes. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/** The command named by the first words of `argv`, and the words after them. */
function findCommand(argv: readonly string[]): { spec: CommandSpec; rest: string[] } | null {
  let best: CommandSpec | null = null;
  for (const spec of commands) {
    if (spec.path.every((word, i) => argv[i] === word)) {
      if (!best || spec.path.length > best.path.length) best = spec;
    }
  }
  return best ? { spec: best, rest: argv.slice(best.path.length) } : null;
}

/** The words of `argv` that name a group of commands (`campaign`), if any. */
function findGroup(argv: readonly string[]): string[] | null {
  const first = argv[0];
  return first && commands.some((c) => c.path.length > 1 && c.path[0] === first) ? [first] : null;
}

/**
 * Runs `plaza` with `argv` (without `node plaza`): finds the command in the table, parses its
 * options (`--help` and `--json` everywhere), runs it and prints its text or JSON. Every failure is
 * printed in words with its code (`error CODE: message`, or `{ "error": … }` with `--json`).
 * Returns the exit status: 0, 1 on failure, 2 on a usage or input mistake.
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo = processIo,
): Promise<number> {
  const json = argv.includes('--json');
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const words = argv[0] === 'help' ? argv.slice(1) : argv;
  const found = findCommand(words);
  let name = words.filter((w) => !w.startsWith('-')).join(' ') || 'help';
  try {
    if (!found) {
      const group = findGroup(words);
      if (
        argv.length === 0 ||
        argv[0] === 'help' ||
        (wantsHelp && (group || words[0]?.startsWith('-')))
      ) {
        io.stdout(overviewHelp(commands, group ?? []));
        return 0;
      }
      if (group) {
        throw new CliError(
          'USAGE',
          `'plaza ${group[0]}' needs a subcommand; see 'plaza ${group[0]} --help'.`,
          2,
        );
      }
      throw new CliError('USAGE', `Unknown command '${words[0]}'; see 'plaza --help'.`, 2);
    }
    const { spec, rest } = found;
    name = spec.path.join(' ');
    if (argv[0] === 'help' || wantsHelp) {
      io.stdout(commandHelp(spec));
      return 0;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...spec.options, ...(spec.remote ? remoteOptions : {}), ...globalOptions },
      allowPositionals: true,
      strict: true,
    });
    const expected = spec.args ?? [];
    const missing = expected.slice(positionals.length).filter((a) => a.required);
    if (missing.length > 0) {
      throw new CliError(
        'USAGE',
        `'plaza ${name}' needs ${missing.map((a) => a.name).join(' ')}; see 'plaza ${name} --help'.`,
        2,
      );
    }
    if (positionals.length > expected.length) {
      throw new CliError(
        'USAGE',
        `Unexpected argument '${positionals[expected.length]}'; see 'plaza ${name} --help'.`,
        2,
      );
    }
    const context = await createContext(
      env,
      values as CommandContext['values'],
      positionals,
      json,
      io,
    );
    const { run } = await spec.load();
    const output = await run(context.context).catch((error: unknown) => {
      throw context.explainAuth(error);
    });
    if (!output.printed) io.stdout(json ? JSON.stringify(output.json, null, 2) : output.text);
    return output.exitCode ?? 0;
  } catch (error) {
    const failure = toCliError(error, name);
    if (json) {
      io.stdout(
        JSON.stringify(
          {
            error: {
              code: failure.code,
              message: failure.message,
              ...(failure.details === undefined ? {} : { details: failure.details }),
            },
          },
          null,
          2,
        ),
      );
    } else {
      io.stderr(`error ${failure.code}: ${failure.message}`);
    }
    return failure.exitCode;
  }
}

/** What a command runs with; config, client and key reader are loaded here, not for `--help`. */
async function createContext(
  env: Readonly<Record<string, string | undefined>>,
  values: CommandContext['values'],
  args: readonly string[],
  json: boolean,
  io: CliIo,
) {
  const { loadConfig, createCoordinatorClient, readAdminKey } = await import('./remote.ts');
  let config: Config | undefined;
  let keyProblem: CliError | null = null;
  let client: CoordinatorClient | undefined;
  const getConfig = () => {
    config ??= loadConfig(env);
    return config;
  };
  const coordinator = () => {
    const c = getConfig();
    const baseUrl =
      (values.url as string | undefined) ?? c.PLAZA_URL ?? `http://${c.PLAZA_HOST}:${c.PLAZA_PORT}`;
    let adminKey = '';
    try {
      adminKey = readAdminKey({ dataDir: c.PLAZA_DATA_DIR, adminKey: c.PLAZA_ADMIN_KEY });
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      keyProblem = error;
    }
    return { baseUrl, adminKey };
  };
  const context: CommandContext = {
    args,
    values,
    env,
    json,
    config: getConfig,
    coordinator,
    client: () => {
      if (!client) {
        const { baseUrl, adminKey } = coordinator();
        client = createCoordinatorClient({ baseUrl, ...(adminKey ? { adminKey } : {}) });
      }
      return client;
    },
    progress: (line) => {
      if (!json) io.stderr(line);
    },
    say: (line) => {
      if (!json) io.stdout(line);
    },
  };
  return {
    context,
    /** An UNAUTHORIZED answer when no admin key was found is the missing key's fault. */
    explainAuth: (error: unknown) =>
      keyProblem && (error as { code?: string })?.code === 'UNAUTHORIZED' ? keyProblem : error,
  };
}
