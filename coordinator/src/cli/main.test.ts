import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCoordinator, startCoordinator } from '../main.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/plaza.mjs', import.meta.url));

describe('plaza CLI', () => {
  let dataDir: string;
  let coordinator: RunningCoordinator;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plaza-cli-'));
    coordinator = await startCoordinator({
      PLAZA_DATA_DIR: dataDir,
      PLAZA_PORT: '0',
      PLAZA_LOG_LEVEL: 'silent',
      PLAZA_BACKGROUND: 'false',
      PLAZA_CHAIN: 'off',
    });
    env = { ...process.env, PLAZA_DATA_DIR: dataDir, PLAZA_URL: coordinator.url };
  }, 180_000);
  afterAll(async () => {
    await coordinator?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const plaza = (...args: string[]) =>
    run(process.execPath, [bin, ...args], { env }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('creates a campaign from flags, reading the admin key the coordinator generated', async () => {
    const result = await plaza(
      'campaign',
      'create',
      '--id',
      'news',
      '--name',
      'News',
      '--host',
      'news.example.com',
      '--seed',
      'https://news.example.com/',
      '--seed',
      'http://10.0.0.1/',
    );
    expect(result.stdout).toContain('created campaign news: 1 URL(s) queued');
    expect(result.stdout).toContain('refused http://10.0.0.1/: IP_LITERAL');
  });

  it('creates a campaign from a JSON file and lists both', async () => {
    const file = join(dataDir, 'campaign.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'blogs',
        name: 'Blogs',
        scope: { hosts: ['*.example.org'] },
        seeds: ['https://a.example.org/'],
        labelSchema: { kind: 'multi-label', classes: ['tech', 'food'] },
      }),
    );
    expect((await plaza('campaign', 'create', '--file', file)).stdout).toContain(
      'created campaign blogs',
    );
    const list = await plaza('campaign', 'list');
    expect(list.stdout).toMatch(/news\s+active\s+News\s+1\s+0\s+0/);
    expect(list.stdout).toMatch(/blogs\s+active\s+Blogs\s+1\s+0\s+0/);
  });

  it('prints status and explains invalid campaigns and refusals with exit codes', async () => {
    const status = await plaza('status');
    expect(status.stdout).toMatch(/campaigns\s+2/);
    const invalid = await plaza('campaign', 'create', '--id', 'X', '--name', 'Bad');
    expect(invalid).toMatchObject({ code: 2 });
    expect(invalid.stderr).toContain('invalid campaign: id');
    const taken = await plaza(
      'campaign',
      'create',
      '--id',
      'news',
      '--name',
      'Again',
      '--host',
      'a.example.com',
    );
    expect(taken).toMatchObject({ code: 1 });
    expect(taken.stderr).toContain('CAMPAIGN_EXISTS');
    const unknown = await plaza('frobnicate');
    expect(unknown).toMatchObject({ code: 2 });
  });
});
