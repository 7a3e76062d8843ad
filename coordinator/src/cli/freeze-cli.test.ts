import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedItems } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/plaza.mjs', import.meta.url));

/** `plaza freeze` and `plaza verify` as an operator runs them, against a served test app. */
describe('plaza freeze and verify', () => {
  let t: TestApp;
  let server: ReturnType<typeof serve>;
  let exportsDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-cli-freeze-'));
    t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir } });
    await seedCampaign(t, { qualityFloor: 0.5 });
    await seedItems(t, 'news', [
      { text: 'A story about the council and its budget vote.', quality: 0.9 },
      { text: 'A story about the cup final and the late goal.', quality: 0.8 },
    ]);
    await t.db.rows(sql`
      insert into label_aggregates (item_id, campaign_id, value, confidence, agreement, method, labels_count, updated_at)
      select id, campaign_id, '{"kind":"classification","class":2}'::jsonb, 0.9, 1, 'majority', 3, now()
      from items where campaign_id = 'news'`);
    server = await new Promise((resolve) => {
      const s = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    env = {
      PATH: process.env.PATH,
      PLAZA_URL: `http://127.0.0.1:${port}`,
      PLAZA_ADMIN_KEY: t.deps.adminKey,
    };
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
    await rm(exportsDir, { recursive: true, force: true });
  });

  const plaza = (...args: string[]) =>
    run(process.execPath, [bin, ...args], { env }).then(
      (ok) => ({ ...ok, code: 0 }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('freezes with its steps on stderr and the version on stdout, then refuses the same rows again', async () => {
    const frozen = await plaza('freeze', 'news', '--dataset-id', '7');
    expect(frozen.code).toBe(0);
    expect(frozen.stderr).toMatch(
      /Freezing news:\n.*loading rows…\n.*computing shares \(2 rows\)…\n.*writing files \(2 rows\)…/,
    );
    expect(frozen.stdout).toMatch(/version\s+1\n/);
    expect(frozen.stdout).toContain('not published (no chain)');
    const again = await plaza('freeze', 'news', '--dataset-id', '7');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^Freezing news:\n[\s\S]*error VERSION_UNCHANGED: The rows are the same as in the last version of "news"/,
    );
  });

  it('verifies the version it froze, the new files included, in words and JSON', async () => {
    const dir = join(exportsDir, 'news', 'v1');
    const verified = await plaza('verify', dir);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(
      'OK: the files, the rows root, every share and the shares root match the manifest.',
    );
    const json = JSON.parse((await plaza('verify', join(dir, 'manifest.json'), '--json')).stdout);
    expect(json).toMatchObject({ ok: true, campaign: 'news', version: 1, problems: [] });
  });
});
