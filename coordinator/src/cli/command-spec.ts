import type { CoordinatorClient } from '@plaza/protocol';
import type { Config } from '../config.ts';

/** One option of a command, as `node:util` parseArgs takes it, with its help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The placeholder shown in help, e.g. `N` or `URL`. */
  value?: string;
  description: string;
}

/** A positional argument. */
export interface ArgumentSpec {
  name: string;
  required: boolean;
  description: string;
}

/** What a command prints: `text` for people, `json` with `--json`; a non-zero exit on failure. */
export interface CommandOutput {
  json: unknown;
  text: string;
  exitCode?: number;
  /** The command printed its own output (it streams, or prints as it goes): print nothing more. */
  printed?: boolean;
}

/** What a command's `run` gets. */
export interface CommandContext {
  args: readonly string[];
  values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  env: Readonly<Record<string, string | undefined>>;
  json: boolean;
  /** The parsed configuration (of the environment and the `.env` file). */
  config: () => Config;
  /** A client of the coordinator at `--url`, PLAZA_URL or the configured host and port. */
  client: () => CoordinatorClient;
  /** The coordinator's base URL and the admin key, for the few calls outside the typed client. */
  coordinator: () => { baseUrl: string; adminKey: string };
  /** A progress line on stderr (never with `--json`). */
  progress: (line: string) => void;
  /** A line on stdout before the command's result (never with `--json`). */
  say: (line: string) => void;
}

/** A command's implementation. */
export type CommandRun = (context: CommandContext) => Promise<CommandOutput>;

/** One row of the CLI's command table. */
export interface CommandSpec {
  /** The words that name it: `['campaign', 'pause']`. */
  path: readonly string[];
  summary: string;
  args?: readonly ArgumentSpec[];
  options?: Readonly<Record<string, OptionSpec>>;
  /** Talks to a running coordinator (adds `--url`). */
  remote?: boolean;
  /** More help: examples, what the output means. */
  details?: string;
  /** Loaded only when the command runs, so `plaza status` never loads the crawler. */
  load: () => Promise<{ run: CommandRun }>;
}
