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
  const first = rows[0];
  if (!first) return [];
  const columns = sql.raw(
    Object.keys(first)
      .map((c) => `"${c}"`)
      .join(', '),
  );
  const target = sql.raw(`"${table}"`);
  return db.rows<T>(
    sql`insert into ${target} (${columns}) ${options.overridingSystemValue ? sql`overriding system value` : sql``}
        select ${columns} from json_populate_recordset(null::${target}, ${JSON.stringify(rows)}::json)
        ${returning ? sql`returning ${returning}` : sql``}`,
    tx,
  );
}

/** The `\x…` text form of bytea. */
export function byteaHex(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}
