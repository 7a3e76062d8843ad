import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CliError } from './cli-error.ts';

const keysFileSchema = z.object({ adminKey: z.string().min(24) });

/** The admin key of a running coordinator: PLAZA_ADMIN_KEY, else `<data dir>/keys.json`. */
export function readAdminKey(params: { dataDir: string; adminKey?: string | undefined }): string {
  if (params.adminKey) return params.adminKey;
  const file = join(params.dataDir, 'keys.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(
      'ADMIN_KEY_MISSING',
      `No admin key: set PLAZA_ADMIN_KEY, or run 'plaza start' once so ${file} exists.`,
      2,
    );
  }
  let parsed: z.ZodSafeParseResult<z.output<typeof keysFileSchema>>;
  try {
    parsed = keysFileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = { success: false } as never;
  }
  if (!parsed.success) {
    throw new CliError('KEYS_FILE_INVALID', `The key file ${file} is malformed; fix or remove it.`);
  }
  return parsed.data.adminKey;
}
