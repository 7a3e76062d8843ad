import type { CommandSpec, OptionSpec } from './command-spec.ts';

/** Options every command takes. */
export const globalOptions: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'print the result as JSON' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** The option every command that talks to a coordinator takes. */
export const remoteOptions: Readonly<Record<string, OptionSpec>> = {
  url: {
    type: 'string',
    value: 'URL',
    description: 'the coordinator (PLAZA_URL; default from PLAZA_HOST/PORT)',
  },
};

function usageLine(spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) => (a.required ? a.name : `[${a.name}]`));
  return ['plaza', ...spec.path, ...args, spec.options ? '[options]' : '']
    .filter(Boolean)
    .join(' ');
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [flag, `${o.description}${o.multiple ? ' (repeatable)' : ''}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

/** `plaza <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`${usageLine(spec)}`, '', `  ${spec.summary}`];
  if (spec.args?.length) {
    lines.push('', 'Arguments:');
    const width = Math.max(...spec.args.map((a) => a.name.length));
    for (const a of spec.args) lines.push(`  ${a.name.padEnd(width)}  ${a.description}`);
  }
  lines.push('', 'Options:');
  lines.push(
    ...optionLines({ ...spec.options, ...(spec.remote ? remoteOptions : {}), ...globalOptions }),
  );
  if (spec.details) lines.push('', spec.details);
  return lines.join('\n');
}

/** `plaza --help`, or `plaza campaign --help` (the commands under a word). */
export function overviewHelp(
  commands: readonly CommandSpec[],
  prefix: readonly string[] = [],
): string {
  const shown = commands.filter((c) => prefix.every((word, i) => c.path[i] === word));
  const rows = shown.map(
    (c) =>
      [
        [...c.path, ...(c.args ?? []).map((a) => (a.required ? a.name : `[${a.name}]`))].join(' '),
        c.summary,
      ] as const,
  );
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    `plaza — run and operate a Plaza coordinator`,
    '',
    `Usage: plaza ${prefix.length ? `${prefix.join(' ')} ` : ''}<command> [options]`,
    '',
    'Commands:',
    ...rows.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    "Every command takes --help and --json. 'plaza <command> --help' tells more.",
    'Configuration: the environment, then .env in the current directory (PLAZA_ENV_FILE);',
    "the admin key comes from PLAZA_ADMIN_KEY or <PLAZA_DATA_DIR>/keys.json ('plaza start' makes it).",
  ].join('\n');
}
