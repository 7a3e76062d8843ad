import { createCoordinatorClient } from '@plaza/protocol';
import { type BenchFigure, type BenchRun, percentile } from '@plaza/test-kit/bench';
import { chromiumPath } from '@plaza/test-kit/env';
import { type Browser, chromium } from 'playwright-core';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import {
  answerByKeyboard,
  itemOnScreen,
  readLatencies,
  signInByKeyboard,
} from '../harness/labeling-page.ts';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';
import { seedLabelingCampaign } from '../harness/seed-labeling-campaign.ts';
import {
  type InProcessCoordinator,
  startInProcessCoordinator,
} from '../harness/start-in-process-coordinator.ts';
import { installTestWallet } from '../harness/test-wallet.ts';
import { humanSeconds } from './human-seconds.ts';

const ITEMS = Number(process.env.BENCH_LABELING_ITEMS ?? 120);
/** Accuracy of the simulated pre-labeling model. */
const MODEL_ACCURACY = 0.85;
/** Pause between two answers of the scripted labeler: lets the prefetch keep up, as a human would. */
const PAUSE_MS = 100;

/** The scripted labeler's answer: the item's hidden truth, derived from its id. */
const truthOf = (itemId: number) => ((itemId * 2654435761) % 7 < 4 ? 0 : 1);

/**
 * Keypress → next item rendered in Chromium against the coordinator on loopback, and labels per
 * hour in a scripted binary-classification session with and without pre-labels (see
 * `humanSeconds`: the human time is modelled, the app's time measured).
 */
export const run: BenchRun = async () => {
  ensureLabelingUiBuilt();
  const coordinator = await startInProcessCoordinator({
    inMemory: true,
    env: { PLAZA_UI_DIR: labelingUiDir },
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const plain = await labelingSession(coordinator, browser, 'bench-plain', false);
    const prelabeled = await labelingSession(coordinator, browser, 'bench-prelabeled', true);
    console.log(
      `labeling: ${plain.labels} + ${prelabeled.labels} labels, ` +
        `${plain.latencies.length + prelabeled.latencies.length} latency samples, ` +
        `${prelabeled.accepted} pre-labels accepted`,
    );
    return labelingFigures(plain, prelabeled);
  } finally {
    await browser.close();
    await coordinator.close();
  }
};

type Coordinator = InProcessCoordinator;

/** What one scripted session did: labels given, total seconds, keypress latencies, pre-labels taken. */
interface SessionOutcome {
  labels: number;
  total: number;
  latencies: number[];
  accepted: number;
}

/**
 * One scripted labeler's session on a fresh campaign of `ITEMS` snippets (with the simulated
 * model's pre-labels when asked): human time modelled, the app's time measured.
 */
async function labelingSession(
  coordinator: Coordinator,
  browser: Browser,
  campaignId: string,
  withPrelabels: boolean,
): Promise<SessionOutcome> {
  await seedLabelingCampaign({
    url: coordinator.url,
    adminKey: coordinator.adminKey,
    run: coordinator.run,
    campaign: {
      id: campaignId,
      labelSchema: { kind: 'classification', classes: ['relevant', 'not relevant'] },
      overlap: 1,
      goldFraction: 0,
      blindFraction: 0,
      // Snippets of ~50 words score low on the article quality rules: label them all anyway.
      qualityFloor: 0,
    },
    pages: ITEMS,
    chars: 300,
  });
  const items = (await coordinator.run(
    'select id::int as id, text from items where campaign_id = $1',
    [campaignId],
  )) as { rows: Array<{ id: number; text: string }> };
  const words = new Map(items.rows.map((row) => [row.id, row.text.split(/\s+/).length]));
  const prelabels = withPrelabels
    ? await importSimulatedPrelabels(coordinator, campaignId, items.rows)
    : new Map<number, number>();
  const page = await browser.newPage();
  await installTestWallet(page, privateKeyToAccount(generatePrivateKey()), 31337);
  // The remembered campaign is per browser profile: choose this one.
  await page.addInitScript(
    `localStorage.setItem('plaza:campaign', ${JSON.stringify(campaignId)});`,
  );
  await signInByKeyboard(page, coordinator.url);
  const seconds: number[] = [];
  let accepted = 0;
  for (let n = 0; n < ITEMS; n++) {
    const itemId = await itemOnScreen(page, 5_000);
    if (itemId === null) break;
    const truth = truthOf(itemId);
    const prelabel = prelabels.get(itemId);
    const kind = prelabel === undefined ? 'none' : prelabel === truth ? 'right' : 'wrong';
    if (kind === 'right') accepted++;
    await answerByKeyboard(page, kind === 'right' ? ['Enter'] : [String(truth + 1), 'Enter']);
    seconds.push(humanSeconds(words.get(itemId) ?? 50, kind));
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  const latencies = (await readLatencies(page)).map((sample) => sample.ms);
  await page.close();
  const uiSeconds = latencies.reduce((sum, ms) => sum + ms, 0) / 1000;
  const total = seconds.reduce((sum, s) => sum + s, 0) + uiSeconds;
  return { labels: seconds.length, total, latencies, accepted };
}

/**
 * The simulated model's pre-labels, right on `MODEL_ACCURACY` of the items (spread evenly),
 * imported into the campaign; returns them by item.
 */
async function importSimulatedPrelabels(
  coordinator: Coordinator,
  campaignId: string,
  items: ReadonlyArray<{ id: number }>,
): Promise<Map<number, number>> {
  const prelabels = new Map<number, number>();
  for (const { id } of items) {
    const right = ((id * 40503) % 100) / 100 < MODEL_ACCURACY;
    prelabels.set(id, right ? truthOf(id) : 1 - truthOf(id));
  }
  const admin = createCoordinatorClient({
    baseUrl: coordinator.url,
    adminKey: coordinator.adminKey,
  });
  await admin.importPrelabels(campaignId, {
    items: [...prelabels].map(([itemId, cls]) => ({
      itemId,
      value: { kind: 'classification', class: cls },
      confidence: 0.8,
      model: 'bench-model',
    })),
  });
  return prelabels;
}

/** The figures: next-item latency (measured) and labels per hour with and without pre-labels (modelled). */
function labelingFigures(plain: SessionOutcome, prelabeled: SessionOutcome): BenchFigure[] {
  const latencies = [...plain.latencies, ...prelabeled.latencies];
  const perHour = (s: { labels: number; total: number }) => (3600 * s.labels) / s.total;
  return [
    {
      name: 'labeling.next_item_p50_ms',
      value: round(percentile(latencies, 0.5), 1),
      unit: 'ms',
      better: 'lower',
      kind: 'measured',
      target: { op: '<=', value: 100 },
    },
    {
      name: 'labeling.next_item_p95_ms',
      value: round(percentile(latencies, 0.95), 1),
      unit: 'ms',
      better: 'lower',
      kind: 'measured',
      target: { op: '<=', value: 100 },
      baseline: {
        name: 'Label Studio, fastest reported (field notes)',
        value: 300,
        source: 'quoted',
      },
    },
    {
      name: 'labeling.labels_per_hour',
      value: Math.round(perHour(plain)),
      unit: 'labels/h',
      better: 'higher',
      kind: 'modelled',
      baseline: {
        name: 'reading-speed bound, 50-word snippets (field notes)',
        value: 260,
        source: 'quoted',
      },
    },
    {
      name: 'labeling.labels_per_hour_prelabeled',
      value: Math.round(perHour(prelabeled)),
      unit: 'labels/h',
      better: 'higher',
      kind: 'modelled',
      baseline: {
        name: 'same session without pre-labels',
        value: Math.round(perHour(plain)),
        source: 'modelled',
      },
    },
  ];
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
