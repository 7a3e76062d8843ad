import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { signInLabeler } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';

const supplier = '0x00000000000000000000000000000000000000aa';
const topics = ['budget', 'harbour', 'schools', 'railway', 'museum', 'river', 'market', 'bridge'];
const sentence = (n: number) =>
  `A story on the ${topics[n % topics.length]}: the council met and voted on the ${topics[n % topics.length]} plan.`;

describe('/v1/campaigns/:id/import and /labels', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const post = (path: string, body: unknown) =>
    t.app.request(path, { method: 'POST', headers: t.admin, body: JSON.stringify(body) });
  const importItems = (format: string, text: string) =>
    post('/v1/campaigns/news/import/items', { format, text, supplier });
  const importGold = (format: string, text: string) =>
    post('/v1/campaigns/news/import/gold', { format, text });
  const count = async (table: string) =>
    Number(
      (await t.db.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`))[0]?.n,
    );
  const exportLabels = (query: string) =>
    t.app.request(`/v1/campaigns/news/labels?${query}`, { headers: t.admin });

  it('imports items from CSV (BOM, quotes, newlines in quotes) as tasks labelers get', async () => {
    await seedCampaign(t, { goldFraction: 0 });
    const csv = `\uFEFFid,title,text,quality\r\na-1,First,"${sentence(1)} He said, ""no.""\r\nThen left.",0.8\r\na-2,,${sentence(2)},\r\n`;
    const res = await importItems('csv', csv);
    expect(res.status).toBe(201);
    expect(await readBody(res)).toMatchObject({ records: 2, count: 2, tasks: 2 });
    const items = await t.db.rows<{
      title: string;
      text: string;
      q: number;
      ext: string;
      dev: string;
    }>(
      sql`select i.title, i.text, i.quality_score::float8 as q, x.external_id as ext,
            i.device_address as dev
          from items i join imported_items x on x.item_id = i.id order by x.line`,
    );
    expect(items).toEqual([
      {
        title: 'First',
        text: `${sentence(1)} He said, "no."\r\nThen left.`,
        q: expect.closeTo(0.8, 5),
        ext: 'a-1',
        dev: supplier,
      },
      { title: '', text: sentence(2), q: 1, ext: 'a-2', dev: supplier },
    ]);
    const labeler = await signInLabeler(t);
    const { tasks } = await readBody(labeler.lease('news', 5));
    expect(tasks.map((task: { text: string }) => task.text).sort()).toEqual(
      items.map((item) => item.text).sort(),
    );
  });

  it('refuses a file with problems, listing each by line and code, and writes nothing', async () => {
    await seedCampaign(t, { goldFraction: 0 });
    expect(
      (await importItems('jsonl', JSON.stringify({ id: 'x', text: sentence(7) }))).status,
    ).toBe(201);
    const before = [await count('items'), await count('label_tasks'), await count('lsh_buckets')];
    const jsonl = [
      JSON.stringify({ id: 'a', text: sentence(1) }),
      '{"id": "b", "text": ',
      JSON.stringify({ id: 'c', text: sentence(1) }),
      '',
      JSON.stringify({ id: 'x', text: sentence(3) }),
      JSON.stringify({ id: 'd', text: sentence(7) }),
      JSON.stringify({ id: 'e', text: '  ... ' }),
      JSON.stringify({ id: 'f', text: sentence(4), quality: 2, colour: 'red' }),
      JSON.stringify({ id: 'g', text: sentence(5) }),
    ].join('\n');
    const res = await importItems('jsonl', jsonl);
    expect(res.status).toBe(422);
    const { error } = await readBody(res);
    expect(error.code).toBe('IMPORT_INVALID');
    expect(
      error.details.errors.map((e: { line: number; code: string }) => [e.line, e.code]),
    ).toEqual([
      [2, 'JSON_INVALID'],
      [3, 'DUPLICATE_TEXT'],
      [5, 'DUPLICATE_ID'],
      [6, 'DUPLICATE_TEXT'],
      [7, 'TEXT_EMPTY'],
      [8, 'LINE_INVALID'],
    ]);
    expect(error.details.errors[5].message).toMatch(/quality.*colour|colour.*quality/s);
    expect(error.details).toMatchObject({ errorCount: 6, records: 7 });
    expect([await count('items'), await count('label_tasks'), await count('lsh_buckets')]).toEqual(
      before,
    );
  });

  it('imports gold by imported id or item id with class names, all or nothing, and rescores', async () => {
    await seedCampaign(t, {
      goldFraction: 0,
      labelSchema: { kind: 'classification', classes: ['politics', 'sport', 'culture'] },
    });
    await importItems(
      'jsonl',
      [1, 2, 3].map((n) => JSON.stringify({ id: `s-${n}`, text: sentence(n) })).join('\n'),
    );
    const ids = (await t.db.rows<{ id: number }>(sql`select id from items order by id`)).map((r) =>
      Number(r.id),
    );
    const labeler = await signInLabeler(t);
    await labeler.lease('news', 3);
    await labeler.label(ids[2] as number, { kind: 'classification', class: 2 });
    const bad = await importGold(
      'csv',
      `id,item_id,label\ns-1,,sport\n,${ids[1]},football\ns-9,,sport\n,${ids[0]},politics\n`,
    );
    expect(bad.status).toBe(422);
    const { error } = await readBody(bad);
    expect(
      error.details.errors.map((e: { line: number; code: string }) => [e.line, e.code]),
    ).toEqual([
      [3, 'LABEL_INVALID'],
      [4, 'ITEM_NOT_FOUND'],
      [5, 'DUPLICATE_ITEM'],
    ]);
    expect(await count('label_tasks where gold_value is not null')).toBe(0);
    const good = await importGold(
      'csv',
      `id,item_id,label\ns-1,,sport\n,${ids[1]},politics\ns-3,,culture\n`,
    );
    expect(await readBody(good)).toMatchObject({ records: 3, count: 3 });
    const gold = await t.db.rows<{ item_id: number; cls: number }>(
      sql`select item_id, (gold_value->>'class')::int as cls from label_tasks
          where gold_value is not null order by item_id`,
    );
    expect(gold.map((row) => [Number(row.item_id), row.cls])).toEqual([
      [ids[0], 1],
      [ids[1], 0],
      [ids[2], 2],
    ]);
    // The label already given to s-3 is scored against its new gold answer.
    const scored = await t.db.rows<{ gold_correct: boolean }>(sql`select gold_correct from labels`);
    expect(scored).toEqual([{ gold_correct: true }]);
  });

  it('exports every labeler’s labels as JSONL and CSV beside the aggregates, for admins only', async () => {
    await seedCampaign(t, { goldFraction: 0, overlap: 2 });
    await importItems('jsonl', JSON.stringify({ id: 'q,1', text: sentence(1) }));
    const [item] = (await t.db.rows<{ id: number }>(sql`select id from items`)).map((r) =>
      Number(r.id),
    );
    const a = await signInLabeler(t);
    const b = await signInLabeler(t);
    for (const [labeler, cls] of [
      [a, 0],
      [b, 1],
    ] as const) {
      await labeler.lease('news', 1);
      await labeler.label(item as number, { kind: 'classification', class: cls });
    }
    const clientId = (
      await t.db.rows<{ client_id: string }>(
        sql`select client_id from labels where labeler = ${a.address}`,
      )
    )[0]?.client_id as string;
    await a.label(item as number, { kind: 'classification', class: 1 }, { clientId, revision: 1 });
    await post('/v1/campaigns/news/aggregate', {});
    const jsonl = await exportLabels('format=jsonl');
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await jsonl.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const classes =
      (
        await t.db.rows<{ spec: { labelSchema: { classes: string[] } } }>(
          sql`select spec from campaigns`,
        )
      )[0]?.spec.labelSchema.classes ?? [];
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.labeler === a.address)).toMatchObject({
      itemId: item,
      id: 'q,1',
      value: { kind: 'classification', class: 0 },
      label: classes[0],
      editedValue: { kind: 'classification', class: 1 },
      revision: 1,
    });
    const csv = await (await exportLabels('format=csv')).text();
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe(
      'item_id,external_id,labeler,label,value,edited_label,revision,posterior,gold_correct,blind,prelabel_shown,matches_prelabel,duration_ms,created_at,updated_at',
    );
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(new RegExp(`^${item},"q,1",0x[0-9a-f]{40},`));
    expect(
      rows.some((row) =>
        row.includes(`,"{""kind"":""classification"",""class"":0}",${classes[1]},1,`),
      ),
    ).toBe(true);
    const aggregated = (await (await exportLabels('aggregated=true')).text()).trim().split('\n');
    expect(aggregated.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ itemId: item, id: 'q,1', labels: 2, method: expect.any(String) }),
    ]);
    const conll = await exportLabels('format=conll');
    expect(conll.status).toBe(422);
    expect((await readBody(conll)).error.code).toBe('EXPORT_FORMAT_UNSUPPORTED');
    expect((await t.app.request('/v1/campaigns/news/labels', { headers: a.headers })).status).toBe(
      401,
    );
  });

  it('exports span labels as CoNLL with BIO tags, one document per labeler and item', async () => {
    await seedCampaign(t, {
      goldFraction: 0,
      labelSchema: { kind: 'spans', classes: ['PER', 'ORG'] },
    });
    const text = 'Ada Lovelace met Charles Babbage at the Royal Society today.';
    await importItems('jsonl', JSON.stringify({ id: 'doc-1', text }));
    const [item] = (await t.db.rows<{ id: number }>(sql`select id from items`)).map((r) =>
      Number(r.id),
    );
    const a = await signInLabeler(t);
    await a.lease('news', 1);
    const spans = [
      { start: 0, end: 12, class: 0 },
      { start: 40, end: 53, class: 1 },
    ];
    const res = await readBody(a.label(item as number, { kind: 'spans', spans }));
    expect(res.results[0].status).toBe('stored');
    const conll = await (await exportLabels('format=conll')).text();
    expect(conll).toBe(
      [
        `# item_id = ${item}`,
        '# id = doc-1',
        `# labeler = ${a.address}`,
        'Ada\tB-PER',
        'Lovelace\tI-PER',
        'met\tO',
        'Charles\tO',
        'Babbage\tO',
        'at\tO',
        'the\tO',
        'Royal\tB-ORG',
        'Society\tI-ORG',
        'today\tO',
        '.\tO',
        '',
        '',
      ].join('\n'),
    );
  });
});
