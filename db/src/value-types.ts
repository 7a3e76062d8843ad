import type { PostgresType } from 'postgres';

/**
 * How PostgreSQL's values become JavaScript values, decided once for both drivers so a row reads
 * the same on PGlite and on PostgreSQL:
 *
 * | PostgreSQL                          | JavaScript                                           |
 * | ----------------------------------- | ---------------------------------------------------- |
 * | `int2`, `int4`, `oid`, `float4/8`   | `number` (both drivers' default)                     |
 * | `int8` (ids, `count(*)`, block numbers, ms timestamps) | `number` while it is a safe integer, `bigint` past 2^53 (simhash buckets) |
 * | `numeric` (`sum` of `int8`, `avg` of integers) | `string`: exact; cast in SQL (`::int8`, `::float8`) to get a number |
 * | `timestamp`, `timestamptz`, `date`  | `string` (drizzle asks both drivers for the text)    |
 * | arrays of the above                 | arrays of the same                                   |
 *
 * Share amounts and wei never live in a numeric column: they are computed as `bigint` in
 * JavaScript and written to dataset files, so nothing here rounds money.
 */

/** PostgreSQL's type id of `int8` (`bigint`, `bigserial`, `count(*)`). */
export const INT8_OID = 20;

/**
 * Reads an `int8` as a `number` while it is a safe integer (ids, counts), as an exact `bigint`
 * past 2^53 (64-bit simhash buckets).
 *
 * @example
 * parseInt8('42'); // 42
 * parseInt8('9007199254740993'); // 9007199254740993n
 */
export function parseInt8(text: string): number | bigint {
  const value = BigInt(text);
  return value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)
    ? value
    : Number(value);
}

/** Writes an `int8` parameter given as a `number` or a `bigint`. */
function serializeInt8(value: number | bigint): string {
  return value.toString();
}

/** postgres-js's `types` option: `int8` as {@link parseInt8}; every other type its default. */
export const postgresTypes: Record<string, PostgresType> = {
  int8: { to: INT8_OID, from: [INT8_OID], parse: parseInt8, serialize: serializeInt8 },
};

/** PGlite's `parsers` option: the same `int8` reading as on PostgreSQL. */
export const pgliteParsers: Record<number, (text: string) => unknown> = {
  [INT8_OID]: parseInt8,
};
