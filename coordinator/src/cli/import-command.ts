import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CoordinatorError,
  createCoordinatorClient,
  type ImportFormat,
  type ImportResult,
  importErrorDetailsSchema,
} from '@plaza/protocol';
import { adminConnection } from './admin-connection.ts';
import { formatTable } from './format-table.ts';

/** `plaza import --help`. */
export const importUsage = `plaza import items CAMPAIGN FILE --supplier ADDRESS [--format jsonl|csv] [--url URL] [--json]
plaza import gold CAMPAIGN FILE [--format jsonl|csv] [--url URL] [--json]

Imports items to label, or gold answers, from a JSONL or CSV file (the format follows the file's
extension unless --format says). All or nothing: a file with any problem is refused, each problem
listed with its line and code, and nothing is written.

items  each line: text (required), id (yours, unique in the campaign), title, url, quality (0-1,
       default 1), language. --supplier: the address credited with the items (their fetch part
       of the attribution rule).
gold   each line names its item by itemId (or item_id) or by the id it was imported with, and the
       answer as label (a class name; multi-label: names separated by |), labels (JSONL: a list
       of class names), spans (a list of { start, end, label }; JSON in CSV) or value.`;

/** `plaza import items|gold CAMPAIGN FILE`: returns the exit code (0 done, 1 refused, 2 usage). */
export async function importCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      format: { type: 'string' },
      supplier: { type: 'string' },
      url: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [kind, campaignId, file] = positionals;
  if (values.help) {
    console.log(importUsage);
    return 0;
  }
  if ((kind !== 'items' && kind !== 'gold') || !campaignId || !file || positionals.length > 3) {
    console.error(`USAGE: plaza import items|gold CAMPAIGN FILE\n\n${importUsage}`);
    return 2;
  }
  const format = values.format ?? formatOf(file);
  if (format !== 'jsonl' && format !== 'csv') {
    console.error(`FORMAT_UNKNOWN: say --format jsonl or --format csv for ${file}.`);
    return 2;
  }
  if (kind === 'items' && !values.supplier) {
    console.error('SUPPLIER_REQUIRED: plaza import items needs --supplier ADDRESS.');
    return 2;
  }
  const text = await readText(file);
  if (text === null) return 2;
  const progress = (line: string) => {
    if (!values.json) console.error(line);
  };
  const { baseUrl, adminKey } = adminConnection(values.url, env);
  const client = createCoordinatorClient({ baseUrl, adminKey });
  const lines = text.split('\n').length;
  progress(
    `read ${file}: ${text.length.toLocaleString('en')} characters, ${lines.toLocaleString('en')} lines`,
  );
  progress(`checking and importing ${kind} into campaign ${campaignId} at ${baseUrl}…`);
  try {
    const result =
      kind === 'items'
        ? await client.importItems(campaignId, {
            format,
            text,
            supplier: values.supplier ?? '',
          })
        : await client.importGold(campaignId, { format, text });
    printResult(kind, result, values.json);
    return 0;
  } catch (error) {
    if (!(error instanceof CoordinatorError) || error.code !== 'IMPORT_INVALID') throw error;
    const details = importErrorDetailsSchema.safeParse(error.details);
    if (values.json) {
      console.log(
        JSON.stringify({
          error: { code: error.code, message: error.message, details: error.details },
        }),
      );
      return 1;
    }
    const problems = details.success ? details.data : { errors: [], errorCount: 0, records: 0 };
    console.error(
      `IMPORT_INVALID: ${problems.errorCount} problem(s) in ${file}; nothing was imported.`,
    );
    for (const problem of problems.errors) {
      console.error(`  line ${problem.line}: ${problem.code}: ${problem.message}`);
    }
    const unlisted = problems.errorCount - problems.errors.length;
    if (unlisted > 0) console.error(`  … and ${unlisted} more`);
    return 1;
  }
}

function formatOf(file: string): ImportFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  return undefined;
}

/** The file's text, or null after saying in words why it cannot be read. */
async function readText(file: string): Promise<string | null> {
  try {
    if (!(await stat(file)).isFile()) {
      console.error(`FILE_UNREADABLE: ${file} is not a file.`);
      return null;
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : String(code ?? error);
    console.error(`FILE_UNREADABLE: cannot read ${file}: ${reason}.`);
    return null;
  }
}

function printResult(kind: string, result: ImportResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(
    formatTable([
      ['import', result.importId],
      ['records read', result.records],
      [kind === 'items' ? 'items imported' : 'gold answers set', result.count],
      ...(kind === 'items' ? [['new labeling tasks', result.tasks] as const] : []),
    ]),
  );
}
