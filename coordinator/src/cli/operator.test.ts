import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCoordinator, startCoordinator } from '../main.ts';
import { commands } from './commands.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/plaza.mjs', import.meta.url));

/**
 * An operator steering campaigns with the built `plaza` CLI against a running coordinator whose
 * background loops check hosts (a fake DNS: one host does not resolve).
 */
describe('plaza CLI for operators', () => {
  let dataDir: string;
  let coordinator: RunningCoordinator;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plaza-operator-'));
    coordinator = await startCoordinator(
      {
        PLAZA_DATA_DIR: dataDir,
        PLAZA_PORT: '0',
        PLAZA_LOG_LEVEL: 'silent',
        PLAZA_CHAIN: 'off',
        PLAZA_VERIFY: 'false',
        PLAZA_PRELABEL: 'false',
        PLAZA_SERVER_CRAWL: 'false',
      },
      {
        resolver: async (host) => {
          if (host === 'gone.example.com')
            throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
          return ['93.184.216.34'];
        },
        fetchText: async (url) => ({ status: 404, body: '', finalUrl: url }),
      },
    );
    // Only .env says where the coordinator is: the CLI must read it.
    writeFileSync(
      join(dataDir, '.env'),
      `PLAZA_URL=${coordinator.url}\nPLAZA_DATA_DIR=${dataDir}\n`,
    );
    env = { PATH: process.env.PATH };
  }, 60_000);
  afterAll(async () => {
    await coordinator?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const plaza = (...args: string[]) =>
    run(process.execPath, [bin, ...args], { env, cwd: dataDir }).then(
      (ok) => ({ ...ok, code: 0 }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  const json = async (...args: string[]) => JSON.parse((await plaza(...args, '--json')).stdout);

  it('answers --help for every command in the table, naming its options', async () => {
    for (const spec of commands) {
      const help = await plaza(...spec.path, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`plaza ${spec.path.join(' ')}`);
      expect(help.stdout).toContain('--json');
      for (const option of Object.keys(spec.options ?? {}))
        expect(help.stdout).toContain(`--${option}`);
    }
    const overview = await plaza('--help');
    for (const spec of commands) expect(overview.stdout).toContain(spec.path.join(' '));
  }, 120_000);

  it('creates, pauses, resumes, edits and closes a campaign, reading .env', async () => {
    const created = await json(
      'campaign',
      'create',
      '--id',
      'news',
      '--name',
      'News',
      '--host',
      'news.example.com',
      '--host',
      'gone.example.com',
      '--seed',
      'https://news.example.com/a',
      '--seed',
      'https://gone.example.com/b',
      '--license',
      'CC-BY-4.0',
    );
    expect(created.campaign).toMatchObject({ id: 'news', status: 'active', license: 'CC-BY-4.0' });
    expect((await plaza('campaign', 'pause', 'news')).stdout).toBe('campaign news is paused\n');
    const resumed = await json('campaign', 'resume', 'news');
    expect(resumed.campaign.status).toBe('active');
    const edited = await plaza(
      'campaign',
      'edit',
      'news',
      '--overlap',
      '5',
      '--quality-floor',
      '0.3',
      '--max-pages',
      '1',
    );
    expect(edited.stdout).toContain(
      'edited campaign news (maxPages, overlap, qualityFloor): 1 queued URL(s) taken out',
    );
    expect((await json('campaign', 'show', 'news')).campaign).toMatchObject({
      overlap: 5,
      qualityFloor: 0.3,
      maxPages: 1,
    });
    expect((await plaza('campaign', 'close', 'news')).stdout).toContain('campaign news is closed');
    const again = await plaza('campaign', 'resume', 'news');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'error CAMPAIGN_CLOSED: Campaign "news" is closed; it cannot be resumed.\n',
    );
  });

  it('tells why a campaign is stuck, per host, in words and in JSON', async () => {
    await json(
      'campaign',
      'create',
      '--id',
      'blogs',
      '--name',
      'Blogs',
      '--host',
      'gone.example.com',
      '--seed',
      'https://gone.example.com/a',
    );
    // The coordinator's background loop checks the host; the CLI shows what it found.
    let status = await plaza('status', 'blogs');
    for (let i = 0; i < 100 && !status.stdout.includes('HOST_UNRESOLVABLE'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await plaza('status', 'blogs');
    }
    expect(status.stdout).toContain('gone.example.com');
    expect(status.stdout).toMatch(
      /HOST_UNRESOLVABLE: DNS: the host does not resolve \(.*ENOTFOUND.*\); checked again later\. Next look: /,
    );
    const asJson = await json('status', 'blogs');
    expect(asJson.hosts.summary).toEqual({ HOST_UNRESOLVABLE: 1 });
    expect(asJson.stats.frontier).toEqual({ queued: 1 });
  }, 60_000);

  it('explains mistakes in words with a code and never prints raw errors', async () => {
    const cases: [string[], number, string][] = [
      [
        ['campaign', 'create', '--file', join(dataDir, 'absent.json')],
        2,
        'error FILE_NOT_FOUND: No such file or directory:',
      ],
      [
        ['campaign', 'edit', 'news', '--overlap', 'lots'],
        2,
        'error USAGE: --overlap expects a whole number, not "lots".',
      ],
      [['campaign', 'pause'], 2, "error USAGE: 'plaza campaign pause' needs CAMPAIGN"],
      [['campaign', 'pause', 'nope'], 1, 'error CAMPAIGN_NOT_FOUND: No campaign "nope".'],
      [
        ['webhook', 'add', '--to', 'https://hooks.example.com/', '--event', 'x.y'],
        2,
        'error USAGE: Unknown event type x.y',
      ],
      [['verify', dataDir], 2, 'error FILE_NOT_FOUND'],
      [
        ['status', '--url', 'http://127.0.0.1:9'],
        1,
        'error COORDINATOR_UNREACHABLE: Could not reach',
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await plaza(...args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/ENOENT:|ZodError|at .*\.ts:\d+|\n {4}at /);
    }
    const asJson = await json('campaign', 'pause', 'nope');
    expect(asJson).toEqual({
      error: { code: 'CAMPAIGN_NOT_FOUND', message: 'No campaign "nope".' },
    });
  }, 60_000);
});
