import { createCoordinatorClient } from '@plaza/protocol';
import { chromiumPath } from '@plaza/test-kit/env';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';
import {
  type InProcessCoordinator,
  startInProcessCoordinator,
} from '../harness/start-in-process-coordinator.ts';

const supplier = '0x00000000000000000000000000000000000000aa';
const texts = [
  'The harbour board approved a new ferry timetable after a long public consultation.',
  'Local schools will open an hour later in winter, the education office said on Monday.',
  'A jazz festival returns to the old market square with forty concerts over ten days.',
];

/**
 * An operator imports items and gold answers from files on the campaign admin page, in Chromium
 * against the coordinator serving the built web app: a file with problems is refused line by line
 * and writes nothing; the fixed file becomes labeling tasks; gold answers follow by the ids.
 */
describe('importing from files on the admin page', () => {
  let coordinator: InProcessCoordinator;
  let browser: Browser;
  let page: Page;

  const count = async (query: string): Promise<number> =>
    Number(((await coordinator.run(query, [])) as { rows: Array<{ n: number }> }).rows[0]?.n);

  beforeAll(async () => {
    ensureLabelingUiBuilt();
    coordinator = await startInProcessCoordinator({
      inMemory: true,
      env: { PLAZA_UI_DIR: labelingUiDir },
    });
    await createCoordinatorClient({
      baseUrl: coordinator.url,
      adminKey: coordinator.adminKey,
    }).createCampaign({
      id: 'stories',
      name: 'Stories',
      scope: { hosts: ['stories.example.com'] },
      labelSchema: { kind: 'classification', classes: ['news', 'opinion', 'other'] },
      goldFraction: 0,
    });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    await page.goto(`${coordinator.url}/#/admin`);
    await page.getByLabel('Admin key', { exact: true }).fill(coordinator.adminKey);
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.goto(`${coordinator.url}/#/admin/stories`);
    await page.getByRole('heading', { name: 'Import from a file' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await coordinator?.close();
  });

  const upload = async (name: string, content: string) => {
    await page.getByLabel('File (.jsonl or .csv)').setInputFiles({
      name,
      mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson',
      buffer: Buffer.from(content),
    });
    await page.getByRole('button', { name: 'Import' }).click();
  };

  it('refuses a file with problems, line by line, and writes nothing', async () => {
    await page.getByLabel('Supplier address').fill(supplier);
    const csv = `id,title,text\ns-1,One,"${texts[0]}"\ns-2,Two,"${texts[0]}"\ns-3,"Three, quoted",x,extra\n`;
    await upload('stories.csv', csv);
    const table = page.getByTestId('import-errors');
    await table.waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
      );
    expect(rows).toEqual([
      ['3', 'DUPLICATE_TEXT'],
      ['4', 'CSV_COLUMN_COUNT'],
    ]);
    expect(await count('select count(*)::int as n from items')).toBe(0);
  });

  it('imports the fixed file as labeling tasks, then gold answers by the same ids', async () => {
    const csv = `\uFEFFid,title,text\r\n${texts.map((text, i) => `s-${i + 1},"Story, ${i + 1}","${text}"`).join('\r\n')}\r\n`;
    await upload('stories.csv', csv);
    await page.getByText('Imported 3 items from stories.csv (3 new labeling tasks).').waitFor();
    expect(await count('select count(*)::int as n from label_tasks')).toBe(3);
    expect(
      await count(
        `select count(*)::int as n from items i join imported_items x on x.item_id = i.id
         where i.device_address = '${supplier}' and i.title like 'Story, %'`,
      ),
    ).toBe(3);
    await page.getByLabel('What the file holds').selectOption('gold');
    const jsonl = `${JSON.stringify({ id: 's-1', label: 'news' })}\n${JSON.stringify({ id: 's-2', label: 'opinion' })}\n`;
    await upload('gold.jsonl', jsonl);
    await page.getByText('Set 2 gold answers from gold.jsonl.').waitFor();
    expect(
      await count('select count(*)::int as n from label_tasks where gold_value is not null'),
    ).toBe(2);
  });
});
