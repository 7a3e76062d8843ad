import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../harness/browser.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import { articleSite } from '../harness/fixture-sites.ts';
import {
  type ExtensionCoordinator,
  markFixtureHostsReady,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { waitFor } from '../harness/wait-for.ts';

// Four articles; a second site that serves an exact copy of the first; a spam page under the floor.
const news = articleSite({ host: 'audit-news.example.com', count: 4, seed: 900 });
const spamText = Array.from({ length: 40 }, () => 'Click here to buy now. Best price!').join(
  '\n\n',
);
const mirror = {
  host: 'audit-mirror.example.org',
  pages: {
    '/copy': news.pages['/articles/1']!,
    '/deals': {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: spamText,
    },
  },
};
const urls = [
  ...[1, 2, 3, 4].map((i) => `http://${news.host}/articles/${i}`),
  `http://${mirror.host}/copy`,
  `http://${mirror.host}/deals`,
];
/** What the audit must say for a receipt, from the outcome the receipt itself carries. */
const expectedStatus: Record<string, string> = {
  accepted: 'included',
  duplicate: 'duplicate',
  near_duplicate: 'duplicate',
  low_quality: 'below_quality',
  fetch_failed: 'fetch_failed',
};

let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let browser: ExtensionBrowser;
let exportsDir: string;

beforeAll(async () => {
  exportsDir = mkdtempSync(join(tmpdir(), 'plaza-audit-exports-'));
  internet = await startFixtureInternet([news, mirror]);
  coordinator = await startExtensionCoordinator({
    internet,
    env: { PLAZA_EXPORTS_DIR: exportsDir },
  });
  await markFixtureHostsReady(coordinator, [news, mirror]);
  await coordinator.createCampaign({
    id: 'audited',
    name: 'Audited',
    seeds: urls,
    scope: { hosts: [news.host, mirror.host] },
    politeness: { minDelayMs: 0 },
    qualityFloor: 0.5,
    labelSchema: { kind: 'classification', classes: ['a', 'b'] },
  });
  browser = await launchExtensionBrowser({
    proxyUrl: internet.proxyUrl,
    bypass: [`127.0.0.1:${coordinator.port}`],
  });
});

afterAll(async () => {
  await browser?.close();
  await coordinator?.close();
  await internet?.close();
  rmSync(exportsDir, { recursive: true, force: true });
});

describe('receipt audit view', () => {
  it('shows included, duplicate and below-quality receipts of a frozen version', async () => {
    await browser.setSettings({ coordinatorUrl: coordinator.url, concurrency: 2 });
    await waitFor(
      async () => {
        const receipts = await browser.receipts();
        return (
          urls.every((u) => receipts.some((r) => r.url === u)) &&
          (await browser.outbox()).length === 0
        );
      },
      { timeoutMs: 120_000, what: 'a receipt for every page', everyMs: 500 },
    );
    // Pause, and wait for the worker to wind down (it writes "paused" once what was in flight
    // has settled), so the receipts no longer change.
    const pausedAt = Date.now();
    await browser.setSettings({ paused: true });
    await waitFor(
      async () => {
        const status = (await browser.storage('workerStatus')) as
          | { state: string; at: number }
          | undefined;
        return status?.state === 'paused' && status.at >= pausedAt;
      },
      { timeoutMs: 60_000, what: 'the worker to wind down and report paused' },
    );
    await waitFor(async () => (await browser.outbox()).length === 0, {
      timeoutMs: 30_000,
      what: 'the outbox to drain after the pause',
    });
    const receipts = await browser.receipts();
    const outcomes = new Set(receipts.map((r) => r.outcome));
    // The fixture gives one of each outcome the audit must explain.
    expect([...outcomes]).toEqual(expect.arrayContaining(['accepted', 'duplicate', 'low_quality']));
    expect(receipts.every((r) => expectedStatus[r.outcome] !== undefined)).toBe(true);

    // Freeze through the admin API (no chain: exported, not published).
    const frozen = await fetch(`${coordinator.url}/v1/campaigns/audited/versions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${coordinator.adminKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ datasetId: '1' }),
    });
    expect(frozen.status).toBe(201);
    const { dir, manifest } = (await frozen.json()) as {
      dir: string;
      manifest: { rows: { root: string; count: number } };
    };
    const rowContributions = readFileSync(join(dir, 'rows.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).provenance.contribution as string);

    const page = await browser.openPage('tabs/audit.html');
    await waitFor(
      async () => (await page.getByTestId('audit-campaign').inputValue()) === 'audited',
      {
        timeoutMs: 10_000,
        what: 'the campaign of the receipts to be offered',
      },
    );
    await waitFor(async () => (await page.getByTestId('audit-version').inputValue()) === '1', {
      timeoutMs: 10_000,
      what: 'version 1 to be listed',
    });
    expect(await page.getByTestId('audit-roots').textContent()).toContain(manifest.rows.root);
    await page.getByTestId('audit-run').click();
    await waitFor(async () => (await page.getByTestId('audit-row').count()) === receipts.length, {
      timeoutMs: 20_000,
      what: 'a row per receipt',
    });

    const rows = await page.getByTestId('audit-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        jobId: tr.getAttribute('data-job-id'),
        contributionId: tr.getAttribute('data-contribution-id'),
        status: tr.getAttribute('data-status'),
        why: tr.lastElementChild?.textContent ?? '',
      })),
    );
    for (const receipt of receipts) {
      const row = rows.find((r) => r.jobId === receipt.jobId);
      expect(row, receipt.url).toMatchObject({
        contributionId: receipt.receipt?.contributionId,
        status: expectedStatus[receipt.outcome],
      });
    }
    // Included rows are exactly the version's rows from this device, proofs checked in the page.
    const included = rows.filter((r) => r.status === 'included').map((r) => r.contributionId);
    expect(included.sort()).toEqual([...rowContributions].sort());
    expect(included).toHaveLength(manifest.rows.count);
    const duplicate = rows.find((r) => r.status === 'duplicate')!;
    const original = receipts.find((r) => r.url === `http://${news.host}/articles/1`);
    const copy = receipts.find((r) => r.url === `http://${mirror.host}/copy`);
    const first = [original, copy].find((r) => r?.outcome === 'accepted');
    expect(duplicate.why).toContain(
      `exact duplicate of contribution ${first?.receipt?.contributionId}`,
    );
    expect(rows.find((r) => r.status === 'below_quality')?.why).toMatch(
      /quality 0\.\d\d is under the campaign's floor 0\.50/,
    );
    const count = async (status: string) =>
      Number(await page.getByTestId(`audit-count-${status}`).textContent());
    expect(
      rows.find((r) => r.jobId === receipts.find((x) => x.url.endsWith('/deals'))?.jobId),
    ).toMatchObject({ status: 'below_quality' });
    for (const status of new Set(Object.values(expectedStatus))) {
      const expected = receipts.filter((r) => expectedStatus[r.outcome] === status).length;
      if (expected > 0) expect(await count(status)).toBe(expected);
    }
    expect(await count('included')).toBe(included.length);
    await expect(page.getByTestId('audit-count-bad_proof').count()).resolves.toBe(0);
    await expect(page.getByTestId('audit-count-unsigned').count()).resolves.toBe(0);

    // The JSON export carries the same statuses.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-export').click(),
    ]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      rowsRoot: string;
      counts: Record<string, number>;
      rows: { status: string; proofValid: boolean | null }[];
    };
    expect(exported.rowsRoot).toBe(manifest.rows.root);
    expect(exported.counts.included).toBe(included.length);
    expect(
      exported.rows.filter((r) => r.status === 'included').every((r) => r.proofValid === true),
    ).toBe(true);
    await page.close();
  });
});
