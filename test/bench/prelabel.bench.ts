import { defaultFeatureSpec, modelInput } from '@plaza/protocol';
import type { BenchFigure, BenchRun } from '@plaza/test-kit/bench';
import { chromiumPath } from '@plaza/test-kit/env';
import { chromium, type Page } from 'playwright-core';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { type ExtensionBrowser, launchExtensionBrowser } from '../harness/browser.ts';
import { startFixtureInternet } from '../harness/fixture-internet.ts';
import {
  answerByKeyboard,
  itemOnScreen,
  readLatencies,
  signInByKeyboard,
} from '../harness/labeling-page.ts';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';
import { type QueryRows, seedPrelabelCampaign } from '../harness/seed-prelabel-campaign.ts';
import { startInProcessCoordinator } from '../harness/start-in-process-coordinator.ts';
import { installTestWallet } from '../harness/test-wallet.ts';
import { topicSnippets } from '../harness/topic-snippets.ts';
import { waitFor } from '../harness/wait-for.ts';
import { humanSeconds } from './human-seconds.ts';

/** The extension API the bench calls inside an extension page. */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const BATCH = 1000;
const TRAIN = Number(process.env.BENCH_PRELABEL_TRAIN ?? 400);
const ITEMS = Number(process.env.BENCH_PRELABEL_ITEMS ?? 120);
/** Pause between two answers of the scripted labeler (as in the labeling bench). */
const PAUSE_MS = 100;
const BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;

type RunAnswer = { ok: boolean; backend: string; probs: number[][]; ms: number; error?: string };

/**
 * Pre-labeling figures, all in one run:
 *
 * - `prelabel.items_per_s.{webgpu,wasm,cpu}`: a campaign model (trained by the coordinator from
 *   generated topic snippets) run by the production extension in headless Chromium on a batch of
 *   1,000 items, on each backend in turn, in its offscreen document (featurizing, inference, and
 *   reading the probabilities back; timed inside the document after a warm-up batch). WebGPU runs
 *   on SwiftShader (`--enable-unsafe-webgpu`, no GPU here): it measures the path, not a GPU.
 * - `prelabel.accept_rate`, `prelabel.seconds_per_item_with`, `prelabel.seconds_per_item_without`:
 *   the scripted labeling session of the labeling bench (modelled human, measured web app) on
 *   `ITEMS` open items of a campaign, first without pre-labels (labeler A), then after the
 *   extension pre-labeled them with the trained model (labeler B, pre-labels shown). The scripted
 *   labeler answers the truth: it accepts a pre-label (Enter) when it is right, and corrects it
 *   when it is not, so the accept rate is the model's accuracy on items it never saw.
 */
export const run: BenchRun = async () => {
  ensureLabelingUiBuilt();
  const internet = await startFixtureInternet([]);
  const coordinator = await startInProcessCoordinator({
    inMemory: true,
    env: { PLAZA_UI_DIR: labelingUiDir, PLAZA_BACKGROUND: 'false' },
  });
  const query: QueryRows = async <T>(text: string, params: unknown[] = []) =>
    ((await coordinator.run(text, params)) as { rows: T[] }).rows;
  let extension: ExtensionBrowser | null = null;
  const web = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const campaign = await seedPrelabelCampaign({
      url: coordinator.url,
      adminKey: coordinator.adminKey,
      query,
      id: 'bench-prelabel',
      labeled: TRAIN,
      open: ITEMS,
      seed: 5,
      // Harder than the specs' snippets: ~3 topic words in 50, so the model makes mistakes.
      signal: 0.06,
    });
    console.log(`prelabel: model ${campaign.model.hash.slice(0, 10)}`, campaign.model.metrics);
    extension = await launchExtensionBrowser({
      proxyUrl: internet.proxyUrl,
      bypass: [new URL(coordinator.url).host],
      extraArgs: ['--enable-unsafe-webgpu'],
    });
    // Compute stays off for now; the fetch worker's first check opens the offscreen document.
    await extension.setSettings({ coordinatorUrl: coordinator.url });

    // 1. Items per second on each backend.
    const rates = await measureBackendRates(extension, coordinator.url, campaign.model.hash);

    // 2. The labeling session without pre-labels, then with the extension's.
    const words = new Map([...campaign.texts].map(([id, t]) => [id, t.text.split(/\s+/).length]));
    const without = await session(web, coordinator.url, campaign.id, campaign.truth, words, null);
    await extension.setSettings({ computeEnabled: true });
    const prelabels = await waitForExtensionPrelabels(query, campaign.id);
    const withPrelabels = await session(
      web,
      coordinator.url,
      campaign.id,
      campaign.truth,
      words,
      prelabels,
    );
    console.log(
      `prelabel: sessions of ${without.labels} and ${withPrelabels.labels} labels; ` +
        `${withPrelabels.accepted} of ${withPrelabels.shown} pre-labels accepted`,
    );
    return prelabelFigures(rates, without, withPrelabels);
  } finally {
    await web.close();
    await extension?.close();
    await coordinator.close();
    await internet.close();
  }
};

/**
 * Items per second of the campaign model in the extension's offscreen document on each backend:
 * a warm-up batch of 64, then a timed batch of `BATCH` (timed inside the document).
 */
async function measureBackendRates(
  extension: ExtensionBrowser,
  coordinatorUrl: string,
  modelHash: string,
): Promise<Record<string, number>> {
  const inputs = topicSnippets({ count: BATCH, seed: 99 }).map((s) =>
    modelInput(s, defaultFeatureSpec.maxChars),
  );
  const page = await extension.openPage('tabs/activity.html');
  const runOn = (backend: string, batch: string[]) =>
    page.evaluate((message) => chrome.runtime.sendMessage(message), {
      target: 'offscreen',
      type: 'prelabel',
      modelUrl: `${coordinatorUrl}/v1/models/${modelHash}/model.json`,
      hash: modelHash,
      features: defaultFeatureSpec,
      inputs: batch,
      backend,
    }) as Promise<RunAnswer>;
  await waitFor(async () => (await runOn('cpu', inputs.slice(0, 1)))?.ok === true, {
    timeoutMs: 60_000,
    what: 'the offscreen document to run the model',
  });
  const rates: Record<string, number> = {};
  for (const backend of BACKENDS) {
    const warm = await runOn(backend, inputs.slice(0, 64));
    if (!warm.ok || warm.backend !== backend) {
      throw new Error(`The ${backend} backend did not run: ${JSON.stringify(warm).slice(0, 300)}`);
    }
    const timed = await runOn(backend, inputs);
    if (!timed.ok) throw new Error(`${backend}: ${timed.error}`);
    rates[backend] = BATCH / (timed.ms / 1000);
    console.log(`prelabel: ${BATCH} items on ${backend} in ${timed.ms.toFixed(0)} ms`);
  }
  await page.close();
  return rates;
}

/** Waits until the extension pre-labeled every open item; returns the classes it gave, by item. */
async function waitForExtensionPrelabels(
  query: QueryRows,
  campaignId: string,
): Promise<Map<number, number>> {
  await waitFor(
    async () => {
      const [row] = await query<{ n: number }>(
        `select count(*)::int as n from prelabels where campaign_id = $1
         and source->>'kind' = 'model'`,
        [campaignId],
      );
      return row?.n === ITEMS;
    },
    { timeoutMs: 120_000, what: 'the extension to pre-label the open items' },
  );
  return new Map(
    (
      await query<{ item_id: number; class: number }>(
        `select item_id, (value->>'class')::int as class from prelabels where campaign_id = $1`,
        [campaignId],
      )
    ).map((row) => [row.item_id, row.class]),
  );
}

/** The figures: items per second per backend (measured), accept rate and seconds per item. */
function prelabelFigures(
  rates: Record<string, number>,
  without: { total: number; labels: number },
  withPrelabels: { total: number; labels: number; accepted: number; shown: number },
): BenchFigure[] {
  const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
  const perItem = (s: { total: number; labels: number }) => round(s.total / s.labels, 2);
  return [
    ...BACKENDS.map(
      (backend): BenchFigure => ({
        name: `prelabel.items_per_s.${backend}`,
        value: round(rates[backend]!),
        unit: 'items/s',
        better: 'higher',
        kind: 'measured',
        ...(backend === 'cpu'
          ? {}
          : { baseline: { name: 'cpu backend (same run)', value: round(rates.cpu!) } }),
      }),
    ),
    {
      name: 'prelabel.accept_rate',
      value: round(withPrelabels.accepted / Math.max(1, withPrelabels.shown), 3),
      unit: 'ratio',
      better: 'higher',
      kind: 'simulated',
    },
    {
      name: 'prelabel.seconds_per_item_with',
      value: perItem(withPrelabels),
      unit: 's/item',
      better: 'lower',
      kind: 'modelled',
      baseline: { name: 'same session without pre-labels', value: perItem(without) },
    },
    {
      name: 'prelabel.seconds_per_item_without',
      value: perItem(without),
      unit: 's/item',
      better: 'lower',
      kind: 'modelled',
    },
  ];
}

/**
 * One scripted labeler's session in the web app: answers every item with its true class, by
 * Enter on a right pre-label and by the class key otherwise. Human time modelled, app time
 * measured (as in the labeling bench).
 */
async function session(
  browser: import('playwright-core').Browser,
  url: string,
  campaignId: string,
  truth: ReadonlyMap<number, number>,
  words: ReadonlyMap<number, number>,
  prelabels: ReadonlyMap<number, number> | null,
) {
  const page: Page = await browser.newPage();
  await installTestWallet(page, privateKeyToAccount(generatePrivateKey()), 31337);
  await page.addInitScript(
    `localStorage.setItem('plaza:campaign', ${JSON.stringify(campaignId)});`,
  );
  await signInByKeyboard(page, url);
  const seconds: number[] = [];
  let shown = 0;
  let accepted = 0;
  for (let n = 0; n < ITEMS; n++) {
    const itemId = await itemOnScreen(page, 5_000);
    if (itemId === null) break;
    const answer = truth.get(itemId) ?? 0;
    const prelabel = prelabels?.get(itemId);
    const kind = prelabel === undefined ? 'none' : prelabel === answer ? 'right' : 'wrong';
    if (prelabel !== undefined) shown++;
    if (kind === 'right') accepted++;
    await answerByKeyboard(page, kind === 'right' ? ['Enter'] : [String(answer + 1), 'Enter']);
    seconds.push(humanSeconds(words.get(itemId) ?? 50, kind));
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  const latencies = (await readLatencies(page)).map((sample) => sample.ms);
  await page.close();
  const total =
    seconds.reduce((sum, s) => sum + s, 0) + latencies.reduce((sum, ms) => sum + ms, 0) / 1000;
  return { labels: seconds.length, total, shown, accepted };
}
