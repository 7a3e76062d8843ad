/**
 * The chapters of `pnpm demo` (run-demo.ts), each narrated: the cast, the campaign, the crawl, the
 * labels, the standings, the published version, the license, `plaza verify` and who was paid what.
 * A failed check is pushed to the context's failures and narrated; it does not throw.
 */
import type { RunningCoordinator } from '@plaza/coordinator';
import { type CoordinatorClient, createCoordinatorClient, type LabelTask } from '@plaza/protocol';
import { generatePrivateKey } from 'viem/accounts';
import {
  type DaoLifecycleResult,
  formatUnits6,
  type Party,
  runDaoLifecycle,
} from '../harness/dao-lifecycle.ts';
import { runPlazaCli } from '../harness/run-plaza-cli.ts';
import { crawlWithDevices, type DemoDevice, type DeviceTally } from './crawl-with-devices.ts';
import type { DemoWeb } from './demo-web.ts';
import { freezeDemoVersion, type SharesFile } from './freeze-demo-version.ts';
import { type DemoLabeler, type LabelerTally, labelItems } from './label-items.ts';
import type { Narrator } from './narrator.ts';
import type { DemoChain } from './start-demo-plaza.ts';
import {
  type DemoPerson,
  describePayoutRule,
  formatPeopleTable,
  summarizePeople,
} from './summarize-demo.ts';

/** What every chapter narrates to and records failures in. */
export interface DemoContext {
  say: Narrator;
  failures: string[];
  campaignId: string;
}

/** Records a failed check and narrates it. */
function fail(ctx: DemoContext, failure: string): void {
  ctx.failures.push(failure);
  ctx.say.fail(failure);
}

/** Three devices (fast to slow) and three labelers, one of them wrong on every third item. */
export function castDemoPeople(web: DemoWeb): { devices: DemoDevice[]; labelers: DemoLabeler[] } {
  const person = (name: string) => ({ name, privateKey: generatePrivateKey() });
  const devices: DemoDevice[] = [
    { ...person('device 1 (fibre)'), perLease: 4, pauseMs: 0 },
    { ...person('device 2 (home dsl)'), perLease: 3, pauseMs: 150 },
    { ...person('device 3 (phone)'), perLease: 2, pauseMs: 400 },
  ];
  const truth = (task: LabelTask) => web.sectionOf.get(new URL(task.url).hostname) ?? 0;
  const labelers: DemoLabeler[] = [
    { ...person('labeler ana'), choose: truth },
    { ...person('labeler ben'), choose: truth },
    {
      ...person('labeler cy (sloppy)'),
      // Wrong on every third item.
      choose: (task, nth) => (nth % 3 === 2 ? (truth(task) + 1) % web.classes.length : truth(task)),
    },
  ];
  return { devices, labelers };
}

/** The operator opens the campaign over the fixture web; returns the operator's client. */
export async function openDemoCampaign(
  ctx: DemoContext,
  plaza: RunningCoordinator,
  web: DemoWeb,
  overlap: number,
  attributionRule: 'plaza-attribution/1' | 'plaza-attribution/2' | undefined,
): Promise<CoordinatorClient> {
  ctx.say.step('The operator opens a campaign');
  const admin = createCoordinatorClient({ baseUrl: plaza.url, adminKey: plaza.adminKey });
  const created = await admin.createCampaign({
    id: ctx.campaignId,
    name: 'Demo news',
    description: 'Local news, science and culture stories, classified by section.',
    seeds: web.seeds,
    scope: { hosts: web.hosts },
    labelSchema: { kind: 'classification', classes: web.classes },
    politeness: { minDelayMs: 0 },
    overlap,
    goldFraction: 0,
    verifyRate: 0,
    ...(attributionRule ? { attributionRule } : {}),
  });
  ctx.say.say(
    `campaign "${created.campaign.id}": ${created.frontier.added} seed URLs queued, classes ${web.classes.join(' / ')}`,
  );
  return admin;
}

/** The devices crawl the campaign; a page of the fixture web left unfetched is a failure. */
export async function crawlDemoCampaign(
  ctx: DemoContext,
  setup: { baseUrl: string; proxyUrl: string; web: DemoWeb; devices: DemoDevice[] },
): Promise<{ tallies: DeviceTally[]; accepted: number }> {
  const { say } = ctx;
  const { web } = setup;
  say.step('Three contributors lend their bandwidth: their devices crawl the campaign');
  say.say(
    say.colour.dim(
      'Each device signs up with its own key, leases jobs, fetches pages, signs and submits.',
    ),
  );
  const tallies = await crawlWithDevices({
    baseUrl: setup.baseUrl,
    proxyUrl: setup.proxyUrl,
    devices: setup.devices,
    reachable: web.pages.size,
    deadlineMs: 120_000,
    onProgress: (done, list) =>
      say.progress(
        `pages ${done}/${web.pages.size}  ·  ${list.map((t) => `${t.name.split(' (')[0]}: ${t.fetched}`).join('  ·  ')}`,
      ),
  });
  const sum = (pick: (t: DeviceTally) => number) => tallies.reduce((n, t) => n + pick(t), 0);
  const fetched = sum((t) => Object.values(t.outcomes).reduce((n, k) => n + k, 0));
  const accepted = sum((t) => t.outcomes.accepted);
  say.say(
    `${fetched} pages got a receipt: ${accepted} new articles, ${sum((t) => t.outcomes.duplicate)} exact duplicates, ` +
      `${sum((t) => t.outcomes.near_duplicate)} near duplicates, ${sum((t) => t.outcomes.low_quality)} low quality (spam, link lists)`,
  );
  if (fetched < web.pages.size)
    fail(ctx, `only ${fetched} of ${web.pages.size} pages were crawled`);
  else say.ok('every page of the fixture web was fetched once and judged');
  return { tallies, accepted };
}

/** Every labeler signs in with their wallet and classifies each accepted article. */
export async function labelDemoItems(
  ctx: DemoContext,
  baseUrl: string,
  labelers: DemoLabeler[],
  items: number,
): Promise<LabelerTally[]> {
  const { say } = ctx;
  say.step('Three labelers sign in with their wallets and classify the articles');
  say.say(
    say.colour.dim(
      `Each article is labeled by all three; ${labelers[2]!.name} is wrong on every third.`,
    ),
  );
  const labelTallies = await labelItems({
    baseUrl,
    campaignId: ctx.campaignId,
    labelers,
    items,
    deadlineMs: 90_000,
    onProgress: (n) => say.progress(`labels ${n}/${items * labelers.length}`),
  });
  say.ok(`${labelTallies.reduce((n, t) => n + t.labels, 0)} labels stored`);
  return labelTallies;
}

/** Aggregates the labels (Dawid–Skene) and shows each labeler's estimated accuracy. */
export async function showLabelerStandings(
  ctx: DemoContext,
  admin: CoordinatorClient,
  labelTallies: readonly LabelerTally[],
): Promise<void> {
  ctx.say.step('Aggregation: Dawid–Skene weighs each labeler by how often they agree');
  await admin.aggregate(ctx.campaignId);
  // The operator's live view: labelers see their own figures only once per batch of labels.
  const { labelers: standings } = await admin.dashboard(ctx.campaignId);
  for (const tally of labelTallies) {
    const standing = standings.find((row) => row.address === tally.address.toLowerCase());
    ctx.say.say(
      `${tally.name.padEnd(20)} ${standing?.labels ?? 0} labels  ·  estimated accuracy ${pct(standing?.estimatedAccuracy ?? null)}`,
    );
  }
}

/** The operator freezes a version and publishes it on chain; returns where it lies and its weights. */
export async function publishDemoVersion(
  ctx: DemoContext,
  plaza: RunningCoordinator,
): Promise<{
  dataset: { campaignId: string; datasetId: string; version: number; rows: number; dir: string };
  dir: string;
  weights: { fetch: number; labels: number; compute: number };
}> {
  ctx.say.step('The operator freezes a dataset version and publishes it on chain');
  const frozen = await freezeDemoVersion(plaza.url, plaza.adminKey, ctx.campaignId);
  const { manifest } = frozen;
  ctx.say.say(
    `version ${manifest.version}: ${manifest.rows.count} rows, ${manifest.attribution.holders} holders, rows root ${short(manifest.rows.root)}`,
  );
  ctx.say.say(
    `on chain: dataset ${frozen.publication?.datasetId}, shares root ${short(manifest.shares.root)}, ${frozen.publication?.activated ? 'open' : 'in its timelock (the guardian may revoke it until it ends)'}`,
  );
  return {
    dataset: {
      campaignId: ctx.campaignId,
      datasetId: manifest.datasetId,
      version: manifest.version,
      rows: manifest.rows.count,
      dir: frozen.dir,
    },
    dir: frozen.dir,
    weights: manifest.attribution.weights,
  };
}

/** The DAO at work (`runDaoLifecycle`); a holder paid other than promised is a failure. */
export async function licenseDemoDataset(
  ctx: DemoContext,
  setup: { chain: DemoChain; shares: SharesFile; parties: Party[]; price: bigint },
): Promise<DaoLifecycleResult> {
  const { say } = ctx;
  say.step('The DAO at work: shares claimed, a license bought, voted, settled, revenue paid');
  const lifecycle = await runDaoLifecycle({
    rpcUrl: setup.chain.rpcUrl,
    plaza: setup.chain.plaza,
    stablecoin: setup.chain.testUsd,
    shares: setup.shares,
    holders: setup.parties,
    buyer: { name: 'the buyer (an AI lab)', privateKey: generatePrivateKey() },
    price: setup.price,
    use: 'training a news-section classifier',
    onStep: (step, detail) =>
      step === 'claim-shares' || step === 'claim-revenue' || step === 'vote'
        ? say.progress(detail)
        : say.say(detail),
  });
  say.ok(
    `license ${lifecycle.proposalId} approved (${lifecycle.decided === 'majority' ? 'a majority of shares voted for' : 'quorum at the deadline'}); ` +
      `${formatUnits6(lifecycle.revenue)} TestUSD shared among ${lifecycle.holders.length} holders`,
  );
  if (!lifecycle.ok) fail(ctx, 'a holder was not paid what the attribution says');
  return lifecycle;
}

/** Runs `plaza verify` on the published version; a non-zero exit is a failure. */
export async function verifyDemoVersion(
  ctx: DemoContext,
  dir: string,
  rpcUrl: string,
): Promise<{ code: number; stdout: string }> {
  const { say } = ctx;
  say.step('Anyone can check the published version: plaza verify');
  const verify = await runPlazaCli(['verify', dir, '--rpc', rpcUrl]);
  say.block(say.colour.dim(`$ plaza verify ${dir} --rpc ${rpcUrl}`));
  say.block(verify.stdout + (verify.stderr ? `\n${verify.stderr}` : ''));
  if (verify.code !== 0) fail(ctx, `plaza verify exited with ${verify.code}`);
  return { code: verify.code, stdout: verify.stdout };
}

/**
 * Shows who contributed what and who was paid what, with the payout rule; each person paid other
 * than expected is a failure (recorded, not narrated: the conclusion lists it). Returns the rows.
 */
export function showWhoWasPaid(
  ctx: DemoContext,
  outcome: {
    devices: readonly DeviceTally[];
    labelers: readonly LabelerTally[];
    lifecycle: DaoLifecycleResult;
    shares: SharesFile;
    weights: { fetch: number; labels: number; compute: number };
  },
): DemoPerson[] {
  const { say } = ctx;
  say.step('Who contributed what, and who was paid what');
  const people = summarizePeople(
    outcome.devices,
    outcome.labelers,
    outcome.lifecycle,
    outcome.shares,
  );
  say.block(formatPeopleTable(people));
  for (const note of describePayoutRule(outcome.lifecycle, outcome.weights)) {
    say.say(say.colour.dim(note));
  }
  for (const p of people) {
    if (!p.matches)
      ctx.failures.push(`${p.name} was paid ${p.revenue}, expected ${p.expectedRevenue}`);
  }
  return people;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const short = (hex: string) => `${hex.slice(0, 10)}…`;
