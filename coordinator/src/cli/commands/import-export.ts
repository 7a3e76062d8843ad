import type { CommandContext, CommandRun } from '../command-spec.ts';
import { exportCommand } from '../export-command.ts';
import { importCommand } from '../import-command.ts';

/** The options given, as the flags `import-command.ts` and `export-command.ts` parse again. */
function flags(values: CommandContext['values'], names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const value = values[name];
    if (value === true) return [`--${name}`];
    return typeof value === 'string' ? [`--${name}`, value] : [];
  });
}

const env = (context: CommandContext) => context.env as NodeJS.ProcessEnv;

/** `plaza import items CAMPAIGN FILE`: prints as it goes (progress, then the result or the problems). */
export const importItems: CommandRun = async (context) => ({
  json: null,
  text: '',
  printed: true,
  exitCode: await importCommand(
    ['items', ...context.args, ...flags(context.values, ['supplier', 'format', 'url', 'json'])],
    env(context),
  ),
});

/** `plaza import gold CAMPAIGN FILE`. */
export const importGold: CommandRun = async (context) => ({
  json: null,
  text: '',
  printed: true,
  exitCode: await importCommand(
    ['gold', ...context.args, ...flags(context.values, ['format', 'url', 'json'])],
    env(context),
  ),
});

/** `plaza export labels CAMPAIGN`: streams the labels to stdout or `--out FILE`. */
export const exportLabels: CommandRun = async (context) => ({
  json: null,
  text: '',
  printed: true,
  exitCode: await exportCommand(
    ['labels', ...context.args, ...flags(context.values, ['format', 'aggregated', 'out', 'url'])],
    env(context),
  ),
});
