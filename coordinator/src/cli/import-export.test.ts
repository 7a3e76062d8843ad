import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createCoordinatorClient } from '@plaza/protocol';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignFixture } from '#testing/campaign-fixture.ts';
import { siweMessage } from '#testing/labeling.ts';
import { type RunningCoordinator, startCoordinator } from '../main.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/plaza.mjs', import.meta.url));
const supplier = '0x00000000000000000000000000000000000000aa';
const texts = [
  'The harbour board approved a new ferry timetable after a long public consultation.',
  'Local schools will open an hour later in winter, the education office said on Monday.',
  'A jazz festival returns to the old market square with forty concerts over ten days.',
];

describe('plaza import and plaza export (the CLI in a child process)', () => {
  let dir: string;
  let coordinator: RunningCoordinator;
  let env: NodeJS.ProcessEnv;
  let admin: ReturnType<typeof createCoordinatorClient>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plaza-cli-io-'));
    coordinator = await startCoordinator({
      PLAZA_DATA_DIR: dir,
      PLAZA_PORT: '0',
      PLAZA_LOG_LEVEL: 'silent',
      PLAZA_BACKGROUND: 'false',
      PLAZA_CHAIN: 'off',
    });
    env = { ...process.env, PLAZA_DATA_DIR: dir, PLAZA_URL: coordinator.url };
    admin = createCoordinatorClient({ baseUrl: coordinator.url, adminKey: coordinator.adminKey });
    await admin.createCampaign(
      campaignFixture({
        id: 'news',
        goldFraction: 0,
        overlap: 1,
        labelSchema: { kind: 'classification', classes: ['politics', 'sport', 'culture'] },
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await coordinator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const plaza = (...args: string[]) =>
    run(process.execPath, [bin, ...args], { env }).then(
      (done) => ({ code: 0, ...done }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const itemCount = async () => (await admin.campaignItems('news', { limit: 100 })).items.length;

  it('refuses a bad file line by line with codes, and writes nothing', async () => {
    const bad = file(
      'bad.csv',
      `id,text\nn-1,"${texts[0]}"\nn-2,"${texts[0]}"\nn-3,"two",fields\n`,
    );
    const result = await plaza('import', 'items', 'news', bad, '--supplier', supplier);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('IMPORT_INVALID');
    expect(result.stderr).toMatch(/line 3: DUPLICATE_TEXT: Same text as line 2/);
    expect(result.stderr).toMatch(/line 4: CSV_COLUMN_COUNT/);
    expect(await itemCount()).toBe(0);
    const missing = await plaza(
      'import',
      'items',
      'news',
      join(dir, 'nope.csv'),
      '--supplier',
      supplier,
    );
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('FILE_UNREADABLE');
    expect(missing.stderr).not.toContain('ENOENT');
    const noSupplier = await plaza('import', 'items', 'news', bad);
    expect(noSupplier).toMatchObject({ code: 2 });
    expect(noSupplier.stderr).toContain('SUPPLIER_REQUIRED');
  }, 120_000);

  it('imports items from CSV and gold from JSONL, with progress and a summary', async () => {
    const csv = file(
      'items.csv',
      `\uFEFFid,title,text\r\n${texts.map((text, i) => `n-${i + 1},"Title, ${i + 1}","${text}"`).join('\r\n')}\r\n`,
    );
    const items = await plaza('import', 'items', 'news', csv, '--supplier', supplier);
    expect(items.code).toBe(0);
    expect(items.stderr).toMatch(/read .*items\.csv: \d+ characters, 5 lines/);
    expect(items.stdout).toMatch(/records read\s+3/);
    expect(items.stdout).toMatch(/items imported\s+3/);
    expect(items.stdout).toMatch(/new labeling tasks\s+3/);
    expect(await itemCount()).toBe(3);
    const jsonl = file(
      'gold.jsonl',
      `${JSON.stringify({ id: 'n-1', label: 'politics' })}\n${JSON.stringify({ id: 'n-3', label: 'culture' })}\n`,
    );
    const gold = await plaza('import', 'gold', 'news', jsonl, '--json');
    expect(gold.code).toBe(0);
    expect(JSON.parse(gold.stdout)).toMatchObject({ records: 2, count: 2 });
    const { items: listed } = await admin.campaignItems('news', { limit: 100 });
    expect(listed.filter((item) => item.gold)).toHaveLength(2);
  }, 120_000);

  it('exports a labeler’s labels as CSV to a file, and the aggregates as JSONL', async () => {
    const labeler = await signIn(coordinator.url);
    const { tasks } = await labeler.leaseTasks({ campaignId: 'news', max: 3 });
    const ordinary = tasks.find((task) => task.text === texts[1]);
    if (!ordinary) throw new Error('the ordinary item was not leased');
    await labeler.submitLabels({
      labels: [
        {
          clientId: crypto.randomUUID(),
          itemId: ordinary.itemId,
          value: { kind: 'classification', class: 1 },
          durationMs: 1200,
          prelabelShown: false,
        },
      ],
    });
    await admin.aggregate('news');
    const out = join(dir, 'labels.csv');
    const raw = await plaza('export', 'labels', 'news', '--format', 'csv', '--out', out);
    expect(raw.code).toBe(0);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const rows = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^\d+,n-2,0x[0-9a-f]{40},sport,/);
    const aggregated = await plaza('export', 'labels', 'news', '--aggregated');
    const lines = aggregated.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toContainEqual(expect.objectContaining({ id: 'n-2', label: 'sport', labels: 1 }));
    const conll = await plaza('export', 'labels', 'news', '--format', 'conll');
    expect(conll.code).toBe(1);
    expect(conll.stderr).toContain('EXPORT_FORMAT_UNSUPPORTED');
  }, 120_000);
});

/** Signs a fresh wallet in over HTTP (Sign-In with Ethereum) and returns its client. */
async function signIn(baseUrl: string) {
  const account = privateKeyToAccount(generatePrivateKey());
  const anonymous = createCoordinatorClient({ baseUrl });
  const nonce = await anonymous.authNonce();
  const message = siweMessage(account, nonce, { issuedAt: new Date() });
  const session = await anonymous.signIn({
    message,
    signature: await account.signMessage({ message }),
  });
  return createCoordinatorClient({ baseUrl, sessionToken: session.token });
}
