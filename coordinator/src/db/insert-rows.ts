import type { Db, PlazaTx } from '@plaza/db';
import { type SQL, sql } from 'drizzle-orm';

/** A column value as JSON carries it: bytea goes as a `\x…` hex string, timestamps as ISO text. */
export type JsonColumnValue =
  | string
  | number
  | boolean
  | null
  | Record<string, unknown>
  | unknown[];

/**
 * Inserts many rows in one statement with a single parameter: the rows as JSON, expanded by
 * `json_populate_recordset`. Ingest writes hundreds of rows per batch, and building a statement
 * with thousands of bound parameters costs more than the database work itself. Keys are column
 * names (snake_case); columns left out get their defaults. `overridingSystemValue` stores ids
 * allocated beforehand in an identity column.
 */
export async function insertRows<T extends Record<string, unknown>>(
  db: Db,
  tx: PlazaTx,
  table: string,
  rows: readonly Record<string, JsonColumnValue>[],
  returning?: SQL,
  options: { overridingSystemValue?: boolean } = {},
): Promise<T[]> {
  const query = insertRowsQuery(table, rows, returning, options);
  return query ? db.rows<T>(query, tx) : [];
}

/**
 * The statement {@link insertRows} runs, without running it (null for no rows): to compose
 * several inserts into one statement (`with a as (…), b as (…) select …`). Foreign keys are checked
 * when the whole statement ends, so a child may be inserted beside its parent.
 */
export function insertRowsQuery(
  table: string,
  rows: readonly Record<string, JsonColumnValue>[],
  returning?: SQL,
  options: { overridingSystemValue?: boolean } = {},
): SQL | null {
  const first = rows[0];
  if (!first) return null;
  const columns = sql.raw(
    Object.keys(first)
      .map((c) => `"${c}"`)
      .join(', '),
  );
  const target = sql.raw(`"${table}"`);
  return sql`insert into ${target} (${columns}) ${options.overridingSystemValue ? sql`overriding system value` : sql``}
        select ${columns} from json_populate_recordset(null::${target}, ${JSON.stringify(rows)}::json)
        ${returning ? sql`returning ${returning}` : sql``}`;
}

/** The `\x…` text form of bytea. */
export function byteaHex(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}
