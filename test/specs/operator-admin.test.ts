import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';
import { markHostsReady } from '../harness/mark-hosts-ready.ts';
import {
  type InProcessCoordinator,
  startInProcessCoordinator,
} from '../harness/start-in-process-coordinator.ts';

/**
 * An operator steers a campaign from the admin page in Chromium, with the admin key: sees why it
 * is stuck (a host whose DNS does not resolve), pauses and resumes it, edits its overlap, quality
 * floor and scope, and closes it; the coordinator's API agrees at every step.
 */
describe('steering a campaign from the admin page', () => {
  let coordinator: InProcessCoordinator;
  let browser: Browser;
  let page: Page;

  const query = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    ((await coordinator.run(text, params)) as { rows: T[] }).rows;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary fields of the answer.
  const api = async (path: string): Promise<Record<string, any>> =>
    (await fetch(`${coordinator.url}${path}`, {
      headers: { authorization: `Bearer ${coordinator.adminKey}` },
    }).then((r) => r.json())) as Record<string, never>;

  beforeAll(async () => {
    ensureLabelingUiBuilt();
    coordinator = await startInProcessCoordinator({
      inMemory: true,
      env: { PLAZA_UI_DIR: labelingUiDir },
    });
    await markHostsReady(coordinator.run, ['news.example.com', 'blog.example.org']);
    const created = await fetch(`${coordinator.url}/v1/campaigns`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${coordinator.adminKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        id: 'news',
        name: 'News',
        seeds: [
          'https://news.example.com/a',
          'https://blog.example.org/b',
          'https://gone.example.com/c',
        ],
        scope: { hosts: ['news.example.com', 'blog.example.org', 'gone.example.com'] },
        labelSchema: { kind: 'classification', classes: ['politics', 'sport'] },
      }),
    });
    expect(created.status).toBe(201);
    // What the coordinator's robots.txt/DNS loop records for a host that does not resolve.
    await coordinator.run(
      `update hosts set robots_state = 'error', robots_status = 0, robots_fetched_at = now(),
         robots_expires_at = now() + interval '10 minutes',
         robots_error = 'HOST_UNRESOLVABLE: queryA ENOTFOUND gone.example.com'
       where host = 'gone.example.com'`,
      [],
    );
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await coordinator?.close();
  });

  it('opens the campaign with the admin key and shows per host why it is stuck', async () => {
    await page.goto(`${coordinator.url}/#/admin`);
    await page.getByLabel('Admin key', { exact: true }).fill(coordinator.adminKey);
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.getByRole('link', { name: 'News' }).click();
    const row = page.locator('tr[data-host="gone.example.com"]');
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('HOST_UNRESOLVABLE');
    expect(await row.textContent()).toContain(
      'DNS: the host does not resolve (queryA ENOTFOUND gone.example.com)',
    );
    expect(await page.locator('tr[data-host="news.example.com"]').count()).toBe(0);
  });

  it('pauses and resumes it; resuming queues its hosts again', async () => {
    const status = page.getByTestId('campaign-status');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => status.textContent()).toBe('paused');
    expect((await api('/v1/campaigns/news')).campaign.status).toBe('paused');
    // Leasing while paused gave up on the hosts; resuming must queue them again.
    await coordinator.run(`update hosts set has_queued = false`, []);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => status.textContent()).toBe('active');
    await expect
      .poll(() => page.getByTestId('steer-message').textContent())
      .toContain('host(s) queued again');
    const queued = await query<{ host: string }>(
      `select host from hosts where has_queued order by host`,
    );
    expect(queued.map((h) => h.host)).toEqual([
      'blog.example.org',
      'gone.example.com',
      'news.example.com',
    ]);
  });

  it('edits overlap, quality floor and scope; URLs out of the new scope leave the queue', async () => {
    await page.getByLabel('Labels per item').fill('5');
    await page.getByLabel('Quality floor').fill('0.3');
    await page.getByLabel('Hosts in scope').fill('news.example.com\nblog.example.org');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.getByTestId('steer-message').textContent())
      .toContain('1 queued URL(s) taken out');
    const { campaign, stats } = await api('/v1/campaigns/news');
    expect(campaign).toMatchObject({
      overlap: 5,
      qualityFloor: 0.3,
      scope: { hosts: ['news.example.com', 'blog.example.org'] },
    });
    expect(stats.frontier).toEqual({ queued: 2, refused: 1 });
  });

  it('shows a refused edit in words with its code, and closes the campaign after asking', async () => {
    await page.getByLabel('Hosts in scope').fill('printer.local');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('CAMPAIGN_INVALID');
    await page.getByRole('button', { name: 'Close…' }).click();
    await page.getByRole('button', { name: 'Yes, close it' }).click();
    await expect.poll(() => page.getByTestId('campaign-status').textContent()).toBe('closed');
    expect((await api('/v1/campaigns/news')).campaign.status).toBe('closed');
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
  });
});
