import { afterEach, describe, expect, it } from 'vitest';
import { type PgliteThread, startPgliteThread } from './pglite-thread.ts';

describe('startPgliteThread', () => {
  let thread: PgliteThread | undefined;
  afterEach(async () => {
    await thread?.close();
    thread = undefined;
  });

  it('runs the database engine off the calling thread: it keeps turning during a query', async () => {
    thread = await startPgliteThread({ dataDir: 'memory://' });
    let isDone = false;
    const query = thread.query('select pg_sleep(1)').then(() => {
      isDone = true;
    });
    // With PGlite in this thread the query would run to its end before the next turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(isDone).toBe(false);
    await query;
    expect(isDone).toBe(true);
  }, 60_000);

  it('keeps a transaction apart until it commits, and rolls back on error', async () => {
    thread = await startPgliteThread({ dataDir: 'memory://' });
    const db = thread;
    await db.exec('create table t (v int primary key)');
    const committed = await db.transaction(async (tx) => {
      await tx.query('insert into t values (1)');
      return (await tx.query<{ n: number }>('select count(*)::int as n from t')).rows[0]?.n;
    });
    expect(committed).toBe(1);
    const failed = db.transaction(async (tx) => {
      await tx.query('insert into t values (2)');
      await tx.query('insert into t values (1)');
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    const rows = (await db.query<{ v: number }>('select v from t order by v')).rows;
    expect(rows).toEqual([{ v: 1 }]);
  }, 60_000);

  it('lets a single statement go before a transaction still waiting for the lock', async () => {
    thread = await startPgliteThread({ dataDir: 'memory://' });
    const db = thread;
    const order: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let markHolding!: () => void;
    const holding = new Promise<void>((resolve) => {
      markHolding = resolve;
    });
    const first = db.transaction(async (tx) => {
      await tx.query('select 1');
      markHolding();
      await released;
      order.push('first');
    });
    await holding;
    // Asked for in this order while `first` holds the lock: a transaction, then one statement.
    const second = db.transaction(async (tx) => {
      await tx.query('select 1');
      order.push('second');
    });
    const statement = db.query('select 1').then(() => order.push('statement'));
    release();
    await Promise.all([first, second, statement]);
    expect(order).toEqual(['first', 'statement', 'second']);
  }, 60_000);

  it('runs a relaxed statement in a transaction of its own, atomically', async () => {
    thread = await startPgliteThread({ dataDir: 'memory://' });
    await thread.exec('create table t (v int primary key)');
    const inserted = await thread.relaxed<{ v: number }>(
      'insert into t select g from generate_series(1, 3) g returning v',
      [],
    );
    expect((inserted.rows as { v: number }[]).map((r) => r.v)).toEqual([1, 2, 3]);
    await expect(thread.relaxed('insert into t values (4), (1)', [])).rejects.toMatchObject({
      code: '23505',
    });
    expect((await thread.query('select count(*)::int as n from t')).rows).toEqual([{ n: 3 }]);
  }, 60_000);

  it('answers a closed connection once the thread is gone', async () => {
    const closed = await startPgliteThread({ dataDir: 'memory://' });
    await closed.close();
    await expect(closed.query('select 1')).rejects.toMatchObject({ code: 'CONNECTION_ENDED' });
  }, 60_000);
});
