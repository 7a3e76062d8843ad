import { CliError } from './cli-error.ts';
import type { CommandContext } from './command-spec.ts';

type Values = CommandContext['values'];

/** A string option, or undefined. */
export function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option (empty when absent). */
export function stringsOption(values: Values, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** A number option, or undefined; USAGE when it is not a number (or not an integer). */
export function numberOption(values: Values, name: string, integer = true): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new CliError(
      'USAGE',
      `--${name} expects ${integer ? 'a whole number' : 'a number'}, not "${text}".`,
      2,
    );
  }
  return value;
}
