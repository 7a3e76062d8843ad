import { defaultFeatureSpec, modelInput } from '@plaza/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from '../harness/browser.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import { type PrelabelCampaign, seedPrelabelCampaign } from '../harness/seed-prelabel-campaign.ts';
import {
  type ExtensionCoordinator,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { waitFor } from '../harness/wait-for.ts';

/** The extension API the spec calls inside an extension page. */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const OPEN = 64;
const TOLERANCE_PPM = 1000; // 1e-3, the coordinator's default tolerance

let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let campaign: PrelabelCampaign;
const browsers: ExtensionBrowser[] = [];

async function launch(extraArgs: string[] = []) {
  const browser = await launchExtensionBrowser({
    proxyUrl: internet.proxyUrl,
    bypass: [`127.0.0.1:${coordinator.port}`, '127.0.0.1:8787'],
    extraArgs,
  });
  browsers.push(browser);
  return browser;
}

const modelPrelabels = () =>
  coordinator.query<{ backend: string; n: number }>(
    `select source->>'backend' as backend, count(*)::int as n from prelabels
     where campaign_id = $1 and source->>'kind' = 'model' and source->>'model' = $2
     group by 1 order by 1`,
    [campaign.id, campaign.model.hash],
  );

async function waitForPrelabels(browser: ExtensionBrowser) {
  let last: unknown;
  await waitFor(
    async () => {
      const rows = await modelPrelabels();
      last = {
        rows,
        status: await browser.storage('computeStatus'),
        api: coordinator.requests
          .filter((r) => r.path.startsWith('/v1/prelabel') || r.path.startsWith('/v1/models'))
          .map((r) => `${r.method} ${r.path}`),
        leases: await coordinator.query('select id, state, expires_at from prelabel_leases'),
        batches: await coordinator.query('select status, reason, backend from prelabel_batches'),
      };
      return rows.reduce((sum, r) => sum + r.n, 0) === OPEN;
    },
    { timeoutMs: 90_000, what: 'the extension to pre-label every open item', explain: () => last },
  );
}

/** Runs the campaign model in the extension's offscreen document, as the worker does. */
async function runInOffscreen(browser: ExtensionBrowser, inputs: string[], backend?: string) {
  const page = await browser.openPage('tabs/activity.html');
  try {
    return (await page.evaluate((message) => chrome.runtime.sendMessage(message), {
      target: 'offscreen',
      type: 'prelabel',
      modelUrl: `${coordinator.url}/v1/models/${campaign.model.hash}/model.json`,
      hash: campaign.model.hash,
      features: defaultFeatureSpec,
      inputs,
      ...(backend ? { backend } : {}),
    })) as { ok: boolean; backend: string; probs: number[][]; error?: string };
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  internet = await startFixtureInternet([]);
  coordinator = await startExtensionCoordinator({ internet });
  campaign = await seedPrelabelCampaign({
    url: coordinator.url,
    adminKey: coordinator.adminKey,
    query: coordinator.query,
    id: 'topics',
    labeled: 150,
    open: OPEN,
  });
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await coordinator?.close();
  await internet?.close();
});

describe('pre-labeling in the extension', () => {
  it('runs a batch on WebGPU (SwiftShader) whose outputs match the cpu backend and the coordinator', async () => {
    const browser = await launch(['--enable-unsafe-webgpu']);
    // Compute is off by default: the device fetches (no work here) but asks for no model work.
    await browser.setSettings({ coordinatorUrl: coordinator.url });
    await waitFor(() => coordinator.requests.some((r) => r.path === '/v1/leases'), {
      timeoutMs: 30_000,
      what: 'the fetch worker to ask for work',
    });
    await waitFor(
      async () =>
        ((await browser.storage('computeStatus')) as { reason?: string } | undefined)?.reason ===
        'compute_off',
      { timeoutMs: 10_000, what: 'the compute worker to report compute off' },
    );
    expect(coordinator.requests.filter((r) => r.path === '/v1/prelabel/leases')).toEqual([]);

    await browser.setSettings({ computeEnabled: true });
    await waitForPrelabels(browser);
    expect(await modelPrelabels()).toEqual([{ backend: 'webgpu', n: OPEN }]);

    // The coordinator recomputed every item of this new device on its own tfjs (wasm) backend.
    const batches = await coordinator.query<{
      status: string;
      items_count: number;
      checked_count: number;
      max_diff: number;
    }>('select status, items_count, checked_count, max_diff from prelabel_batches');
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) {
      expect(batch.status).toBe('accepted');
      expect(batch.checked_count).toBe(batch.items_count);
      expect(batch.max_diff).toBeLessThanOrEqual(0.001);
    }
    const { address } = (await browser.storage('deviceKey')) as { address: string };
    const [credited] = await coordinator.query<{ n: number }>(
      `select count(*)::int as n from prelabel_predictions
       where device_address = $1 and backend = 'webgpu' and revoked_at is null`,
      [address],
    );
    expect(credited!.n).toBe(OPEN);
    expect(await browser.storage('computeStatus')).toMatchObject({
      backend: 'webgpu',
      accepted: OPEN,
      rejected: 0,
    });

    const popup = await browser.openPage('popup.html');
    await popup
      .getByTestId('compute-status')
      .getByText(`${OPEN} items pre-labeled (last on webgpu`)
      .waitFor();
    await popup.close();

    // The same inputs on the WebGPU and the cpu backend in the browser: within tolerance.
    const inputs = campaign.open
      .slice(0, 32)
      .map((id) => modelInput(campaign.texts.get(id)!, defaultFeatureSpec.maxChars));
    const gpu = await runInOffscreen(browser, inputs, 'webgpu');
    const cpu = await runInOffscreen(browser, inputs, 'cpu');
    expect(gpu).toMatchObject({ ok: true, backend: 'webgpu' });
    expect(cpu).toMatchObject({ ok: true, backend: 'cpu' });
    let maxDiff = 0;
    for (const [i, row] of gpu.probs.entries()) {
      const other = cpu.probs[i]!;
      for (const [c, p] of row.entries()) maxDiff = Math.max(maxDiff, Math.abs(p - other[c]!));
      expect(row.indexOf(Math.max(...row))).toBe(other.indexOf(Math.max(...other)));
    }
    expect(maxDiff).toBeLessThanOrEqual(TOLERANCE_PPM);
  });

  it('falls back to wasm where the browser has no WebGPU adapter', async () => {
    // Free the items again for a second device.
    await coordinator.query(`delete from prelabels where campaign_id = $1`, [campaign.id]);
    await coordinator.query('delete from prelabel_claims');
    const browser = await launch();
    await browser.setSettings({ coordinatorUrl: coordinator.url, computeEnabled: true });
    await waitForPrelabels(browser);
    expect(await modelPrelabels()).toEqual([{ backend: 'wasm', n: OPEN }]);
    const auto = await runInOffscreen(browser, ['vote election party minister']);
    expect(auto).toMatchObject({ ok: true, backend: 'wasm' });
    const rejected = await coordinator.query(
      `select * from prelabel_batches where status <> 'accepted'`,
    );
    expect(rejected).toEqual([]);
  });
});
