import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningCoordinator } from '@plaza/coordinator';
import type { DaoLifecycleResult } from '../harness/dao-lifecycle.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import {
  castDemoPeople,
  crawlDemoCampaign,
  type DemoContext,
  labelDemoItems,
  licenseDemoDataset,
  openDemoCampaign,
  publishDemoVersion,
  showLabelerStandings,
  showWhoWasPaid,
  verifyDemoVersion,
} from './demo-steps.ts';
import { generateDemoWeb } from './demo-web.ts';
import { readSharesFile } from './freeze-demo-version.ts';
import { createNarrator, type Narrator, type NarratorOutput } from './narrator.ts';
import { describeDemoPlaza, startDemoPlaza } from './start-demo-plaza.ts';
import type { DemoPerson } from './summarize-demo.ts';

export type { DemoPerson } from './summarize-demo.ts';

/** What the demo did, and whether every check passed. */
export interface DemoReport {
  /** 0 when every check passed, 1 otherwise. */
  exitCode: number;
  /** Each failed check, in words. */
  failures: string[];
  people: DemoPerson[];
  /** `plaza verify` on the published version. */
  verify: { code: number; stdout: string };
  dataset: { campaignId: string; datasetId: string; version: number; rows: number; dir: string };
  license: Pick<DaoLifecycleResult, 'price' | 'fee' | 'revenue' | 'decided' | 'proposalId'> | null;
  /** Total time, seconds. */
  seconds: number;
}

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /** Where to narrate. @default process.stdout */
  output?: NarratorOutput;
  /** Keep the temporary data dir (PGlite, the chain's state, the export) instead of removing it. */
  keep?: boolean;
  /** The license price in TestUSD units (6 decimals). @default 1,000 TestUSD */
  price?: bigint;
  /** The campaign's attribution rule. @default 'plaza-attribution/1' */
  attributionRule?: 'plaza-attribution/1' | 'plaza-attribution/2';
}

const CAMPAIGN = 'demo-news';

/**
 * `pnpm demo`: Plaza's whole story on the embedded defaults, headless, narrated. Starts the real
 * coordinator (`startCoordinator`, what `plaza start` runs: PGlite, a local anvil with Plaza and
 * TestUSD deployed, exports on local disk) in a fresh temporary data dir, with a small fixture web
 * standing in for the internet; three contributor devices crawl a campaign through the signed
 * device protocol; three labelers (one of them sloppy) sign in with their wallets and label; the
 * labels are aggregated (Dawid–Skene); the operator freezes and publishes a version on chain; the
 * holders claim their shares, a buyer licenses the dataset, holders vote, the license is settled and
 * everyone claims revenue; `plaza verify` checks the export; a table shows who did what and who was
 * paid what. Never throws for a failed check: the report lists it and `exitCode` is 1.
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoReport> {
  const say = createNarrator(options.output ?? process.stdout);
  const failures: string[] = [];
  const report: DemoReport = {
    exitCode: 1,
    failures,
    people: [],
    verify: { code: -1, stdout: '' },
    dataset: { campaignId: CAMPAIGN, datasetId: '', version: 0, rows: 0, dir: '' },
    license: null,
    seconds: 0,
  };
  const ctx: DemoContext = { say, failures, campaignId: CAMPAIGN };
  const web = generateDemoWeb();
  const { devices, labelers } = castDemoPeople(web);

  let dataDir: string | undefined;
  let internet: FixtureInternet | undefined;
  let plaza: RunningCoordinator | undefined;
  try {
    say.block(
      say.colour.bold(
        'Plaza demo: from fetched pages to a licensed dataset, with everyone paid their share.',
      ),
    );

    say.step('Start Plaza on its embedded defaults');
    dataDir = await mkdtemp(join(tmpdir(), 'plaza-demo-'));
    say.say('a fresh data dir; the database (PGlite), a local chain (anvil), the contracts …');
    internet = await startFixtureInternet(web.sites);
    const started = await startDemoPlaza(dataDir, internet);
    plaza = started.plaza;
    const { chain } = started;
    describeDemoPlaza(say, { plaza, chain, dataDir, web });

    const admin = await openDemoCampaign(ctx, plaza, web, labelers.length, options.attributionRule);
    const crawled = await crawlDemoCampaign(ctx, {
      baseUrl: plaza.url,
      proxyUrl: internet.proxyUrl,
      web,
      devices,
    });
    const labelTallies = await labelDemoItems(ctx, plaza.url, labelers, crawled.accepted);
    await showLabelerStandings(ctx, admin, labelTallies);
    const published = await publishDemoVersion(ctx, plaza);
    report.dataset = published.dataset;
    const shares = await readSharesFile(published.dir);
    const lifecycle = await licenseDemoDataset(ctx, {
      chain,
      shares,
      parties: [...devices, ...labelers],
      price: options.price ?? 1_000_000_000n,
    });
    report.license = {
      price: lifecycle.price,
      fee: lifecycle.fee,
      revenue: lifecycle.revenue,
      decided: lifecycle.decided,
      proposalId: lifecycle.proposalId,
    };
    report.verify = await verifyDemoVersion(ctx, published.dir, chain.rpcUrl);
    report.people = showWhoWasPaid(ctx, {
      devices: crawled.tallies,
      labelers: labelTallies,
      lifecycle,
      shares,
      weights: published.weights,
    });
  } catch (error) {
    failures.push(`the demo stopped: ${(error as Error).message}`);
    say.fail(failures.at(-1)!);
  } finally {
    await plaza?.stop().catch(() => {});
    await internet?.close().catch(() => {});
    if (dataDir && !options.keep) await rm(dataDir, { recursive: true, force: true });
  }
  concludeDemo(say, report, options.keep ? dataDir : undefined);
  return report;
}

/** Sets the report's time and exit code, and narrates the outcome (and where data was kept). */
function concludeDemo(say: Narrator, report: DemoReport, keptDir: string | undefined): void {
  const { failures } = report;
  report.seconds = say.elapsed();
  report.exitCode = failures.length === 0 ? 0 : 1;
  say.step(failures.length === 0 ? 'Done' : 'Done, with failures');
  if (failures.length === 0) {
    say.ok(`every check passed in ${report.seconds.toFixed(1)} s`);
  } else {
    for (const failure of failures) say.fail(failure);
    say.say(`${failures.length} check(s) failed after ${report.seconds.toFixed(1)} s`);
  }
  if (keptDir) say.say(`data kept in ${keptDir}`);
}
