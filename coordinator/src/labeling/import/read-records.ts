import { parse } from 'csv-parse/sync';

/** One problem with one line of an imported file. */
export interface LineError {
  /** 1-based line of the file where the record starts. */
  line: number;
  code: string;
  message: string;
}

/** A record of an imported file: its fields by name, and the line it starts on. */
export interface FileRecord {
  line: number;
  fields: Record<string, unknown>;
}

/** The formats an import reads. */
export type ImportFormat = 'jsonl' | 'csv';

/**
 * Reads a JSONL or CSV file into records with their line numbers. JSONL: one JSON object a line,
 * blank lines skipped. CSV (RFC 4180 with csv-parse: quoted fields, quotes doubled inside them,
 * newlines in quotes, CRLF or LF, a byte-order mark): a header row names the columns, each one of
 * `columns`. Problems come back per line with a code; a CSV that cannot be parsed past a point
 * stops there.
 */
export function readRecords(
  text: string,
  format: ImportFormat,
  columns: readonly string[],
): { records: FileRecord[]; errors: LineError[] } {
  return format === 'jsonl' ? readJsonl(text) : readCsv(text, columns);
}

function readJsonl(text: string): { records: FileRecord[]; errors: LineError[] } {
  const records: FileRecord[] = [];
  const errors: LineError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const source = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (source.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      errors.push({ line, code: 'JSON_INVALID', message: `Not JSON: ${reason}` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ line, code: 'JSON_NOT_OBJECT', message: 'Expected a JSON object.' });
      return;
    }
    records.push({ line, fields: value as Record<string, unknown> });
  });
  return { records, errors };
}

function readCsv(
  text: string,
  columns: readonly string[],
): { records: FileRecord[]; errors: LineError[] } {
  const bytes = Buffer.from(text, 'utf8');
  const lineAt = lineLocator(bytes);
  let rows: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    rows = parse(bytes, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as Array<{ record: string[]; info: { bytes: number } }>;
  } catch (error) {
    const { code, lines, message } = error as { code?: string; lines?: number; message?: string };
    return {
      records: [],
      errors: [{ line: lines ?? 1, code: code ?? 'CSV_INVALID', message: message ?? 'Bad CSV.' }],
    };
  }
  const errors: LineError[] = [];
  const [head, ...body] = rows;
  if (!head) return { records: [], errors };
  const header = head.record.map((name) => name.trim());
  header.forEach((name, index) => {
    if (!columns.includes(name)) {
      errors.push({
        line: 1,
        code: 'CSV_UNKNOWN_COLUMN',
        message: `Column "${name}" is not one of ${columns.join(', ')}.`,
      });
    } else if (header.indexOf(name) !== index) {
      errors.push({ line: 1, code: 'CSV_DUPLICATE_COLUMN', message: `Column "${name}" twice.` });
    }
  });
  if (errors.length > 0) return { records: [], errors };
  const records: FileRecord[] = [];
  let end = head.info.bytes;
  for (const row of body) {
    const line = lineAt(end);
    end = row.info.bytes;
    if (row.record.length !== header.length) {
      errors.push({
        line,
        code: 'CSV_COLUMN_COUNT',
        message: `${row.record.length} fields where the header has ${header.length}.`,
      });
      continue;
    }
    const fields: Record<string, unknown> = {};
    header.forEach((name, index) => {
      const value = row.record[index] ?? '';
      if (value !== '') fields[name] = value;
    });
    records.push({ line, fields });
  }
  return { records, errors };
}

/** The 1-based line of the first non-blank byte at or after an offset (a record's start). */
function lineLocator(bytes: Buffer): (offset: number) => number {
  const newlines: number[] = [];
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) newlines.push(at);
  return (offset) => {
    let start = offset;
    while (start < bytes.length && (bytes[start] === 10 || bytes[start] === 13)) start++;
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((newlines[mid] ?? 0) < start) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
}
