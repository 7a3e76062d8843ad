import { readFileSync } from 'node:fs';
import { CliError } from '../cli-error.ts';
import type { CommandContext } from '../command-spec.ts';
import { numberOption, stringOption, stringsOption } from '../option-values.ts';

/** The JSON object of `--file F.json`, or an empty object without it. */
export function readFieldsFile(values: CommandContext['values']): Record<string, unknown> {
  const file = stringOption(values, 'file');
  if (!file) return {};
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError('BAD_JSON', `${file} must hold a JSON object.`, 2);
  }
  return parsed as Record<string, unknown>;
}

/** The campaign fields the shared flags set (only those given), on top of `--file`. */
export function campaignFieldsFromFlags(
  values: CommandContext['values'],
  base: { scope?: unknown } = {},
): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...readFieldsFile(values) };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) fields[key] = value;
  };
  set('name', stringOption(values, 'name'));
  set('description', stringOption(values, 'description'));
  set('license', stringOption(values, 'license'));
  set('maxPages', numberOption(values, 'max-pages'));
  set('overlap', numberOption(values, 'overlap'));
  set('qualityFloor', numberOption(values, 'quality-floor', false));
  const delay = numberOption(values, 'delay-ms');
  if (delay !== undefined) fields.politeness = { minDelayMs: delay };
  const hosts = stringsOption(values, 'host');
  const include = stringsOption(values, 'include');
  const exclude = stringsOption(values, 'exclude');
  if (hosts.length + include.length + exclude.length > 0) {
    const scope = {
      ...((fields.scope ?? base.scope ?? {}) as Record<string, unknown>),
      ...(hosts.length > 0 ? { hosts } : {}),
      ...(include.length > 0 ? { include } : {}),
      ...(exclude.length > 0 ? { exclude } : {}),
    };
    fields.scope = scope;
  }
  return fields;
}
