import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from './testing/index.ts';
import { parseInt8 } from './value-types.ts';

const dialects = [
  'pglite',
  ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : []),
] as const;

describe('parseInt8', () => {
  it('reads a safe integer as a number and a larger one as an exact bigint', () => {
    expect(parseInt8('42')).toBe(42);
    expect(parseInt8('-9007199254740991')).toBe(-9007199254740991);
    expect(parseInt8('9007199254740992')).toBe(9007199254740992n);
    expect(parseInt8('-9223372036854775808')).toBe(-9223372036854775808n);
  });
});

describe.each(dialects)('values read on %s', (dialect) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function open() {
    const handle = await createTestDb(dialect);
    close = handle.close;
    return handle;
  }

  const probe = sql`select 7::int8 as id, 9007199254740993::int8 as bucket, count(*) as n,
      3::int4 as small, 0.5::float8 as ratio, 0.25::real as score,
      sum(x)::numeric as total, avg(x) as mean, array[1, 2]::int8[] as ids,
      12345678901234567890::numeric(78, 0) as wei
    from (values (1::int8), (2::int8)) as t(x)`;

  const expected = {
    id: 7,
    bucket: 9007199254740993n,
    n: 2,
    small: 3,
    ratio: 0.5,
    score: 0.25,
    total: '3',
    mean: '1.5000000000000000',
    ids: [1, 2],
    wei: '12345678901234567890',
  };

  it('gives int8 as numbers (bigint past 2^53) and numeric as exact strings, raw', async () => {
    const { rows } = await open();
    expect(await rows(probe)).toEqual([expected]);
  });

  it('reads the same inside a transaction and through the prepared path', async () => {
    const { db, rows, prepared } = await open();
    expect(await db.transaction((tx) => rows(probe, tx))).toEqual([expected]);
    expect(await prepared(probe)).toEqual([expected]);
  });

  it('takes int8 parameters as numbers and as bigints', async () => {
    const { rows } = await open();
    const [row] = await rows<{ a: unknown; b: unknown }>(
      sql`select ${41}::int8 + 1 as a, ${9007199254740993n}::int8 as b`,
    );
    expect(row).toEqual({ a: 42, b: 9007199254740993n });
  });
});
