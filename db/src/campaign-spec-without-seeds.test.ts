import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from './testing/index.ts';

const migration = readFileSync(
  new URL('../migrations/0011_campaign_spec_without_seeds.sql', import.meta.url),
  'utf8',
);

/** Campaign specs stored with their seeds keep an empty seed list after the migration. */
describe('migration 0011: campaign specs without their seeds', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  it('empties stored seed lists and leaves every other field and spec as it was', async () => {
    const handle = await createTestDb();
    close = handle.close;
    const specs = {
      seeded: { name: 'Seeded', seeds: ['https://a.example.com/', 'https://b.example.com/'] },
      empty: { name: 'Empty', seeds: [] },
      none: { name: 'None' },
    };
    for (const [id, spec] of Object.entries(specs)) {
      await handle.rows(sql`insert into campaigns (id, name, spec)
        values (${id}, ${spec.name}, ${JSON.stringify(spec)}::jsonb)`);
    }
    await handle.rows(sql.raw(migration));
    const after = await handle.rows<{ id: string; spec: unknown }>(
      sql`select id, spec from campaigns order by id`,
    );
    expect(after).toEqual([
      { id: 'empty', spec: { name: 'Empty', seeds: [] } },
      { id: 'none', spec: { name: 'None' } },
      { id: 'seeded', spec: { name: 'Seeded', seeds: [] } },
    ]);
  });
});
