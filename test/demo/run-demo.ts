import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningCoordinator, startCoordinator } from '@plaza/coordinator';
import { createCoordinatorClient, type LabelTask } from '@plaza/protocol';
import { generatePrivateKey } from 'viem/accounts';
import {
  type DaoLifecycleResult,
  formatUnits6,
  type Party,
  runDaoLifecycle,
} from '../harness/dao-lifecycle.ts';
import { type FixtureInternet, startFixtureInternet } from '../harness/fixture-internet.ts';
import { runPlazaCli } from '../harness/run-plaza-cli.ts';
import { crawlWithDevices, type DemoDevice, type DeviceTally } from './crawl-with-devices.ts';
import { generateDemoWeb } from './demo-web.ts';
import { type DemoLabeler, type LabelerTally, labelItems } from './label-items.ts';
import { createNarrator, formatColumns, type NarratorOutput } from './narrator.ts';

/** One row of the demo's summary: a person, what they did, what they own and were paid. */
export interface DemoPerson {
  name: string;
  role: 'device' | 'labeler' | 'other';
  address: `0x${string}`;
  /** Devices: pages fetched, and what became of them. */
  fetched: number | null;
  accepted: number | null;
  duplicates: number | null;
  lowQuality: number | null;
  /** Labelers: labels given. */
  labels: number | null;
  shares: bigint;
  /** Share of the dataset version, in percent. */
  sharePercent: number;
  /** Stablecoin paid by the license (6 decimals), and what the attribution promises. */
  revenue: bigint;
  expectedRevenue: bigint;
  matches: boolean;
}

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
  const { bold, dim } = say.colour;
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
  const web = generateDemoWeb();
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

  let dataDir: string | undefined;
  let internet: FixtureInternet | undefined;
  let plaza: RunningCoordinator | undefined;
  try {
    say.block(
      bold('Plaza demo: from fetched pages to a licensed dataset, with everyone paid their share.'),
    );

    say.step('Start Plaza on its embedded defaults');
    dataDir = await mkdtemp(join(tmpdir(), 'plaza-demo-'));
    say.say('a fresh data dir; the database (PGlite), a local chain (anvil), the contracts …');
    internet = await startFixtureInternet(web.sites);
    const answer = internet.answer;
    plaza = await startCoordinator(
      {
        PLAZA_DATA_DIR: dataDir,
        PLAZA_PORT: '0',
        // Any free port: the demo's chain is thrown away with its data dir, and may run beside `pnpm start`.
        PLAZA_ANVIL_PORT: '0',
        PLAZA_LOG_LEVEL: 'silent',
        // Not part of this story; they only take CPU here.
        PLAZA_VERIFY: 'false',
        PLAZA_PRELABEL: 'false',
        PLAZA_SERVER_CRAWL: 'false',
      },
      {
        // The fixture web stands in for the internet: its hosts resolve to a public address and
        // the coordinator's robots.txt fetches are answered by it.
        resolver: async () => ['93.184.216.34'],
        fetchText: async (url) => {
          const res = answer(url);
          return {
            status: res.status,
            body: typeof res.body === 'string' ? res.body : '',
            finalUrl: url,
          };
        },
      },
    );
    const chain = plaza.chain;
    if (!chain?.testUsd) throw new Error('Plaza started without its local chain.');
    say.say(`coordinator      ${plaza.url}  (database: ${plaza.database})`);
    say.say(`data dir         ${dataDir}`);
    say.say(`local chain      ${chain.rpcUrl}  (anvil, chain id ${chain.chainId})`);
    say.say(`Plaza contract   ${chain.plaza}`);
    say.say(`test stablecoin  ${chain.testUsd}  (TestUSD, 6 decimals)`);
    say.say(
      `fixture web      ${web.pages.size} pages on ${web.hosts.length} hosts: articles, exact and near duplicates, spam`,
    );

    say.step('The operator opens a campaign');
    const admin = createCoordinatorClient({ baseUrl: plaza.url, adminKey: plaza.adminKey });
    const created = await admin.createCampaign({
      id: CAMPAIGN,
      name: 'Demo news',
      description: 'Local news, science and culture stories, classified by section.',
      seeds: web.seeds,
      scope: { hosts: web.hosts },
      labelSchema: { kind: 'classification', classes: web.classes },
      politeness: { minDelayMs: 0 },
      overlap: labelers.length,
      goldFraction: 0,
      verifyRate: 0,
      ...(options.attributionRule ? { attributionRule: options.attributionRule } : {}),
    });
    say.say(
      `campaign "${created.campaign.id}": ${created.frontier.added} seed URLs queued, classes ${web.classes.join(' / ')}`,
    );

    say.step('Three contributors lend their bandwidth: their devices crawl the campaign');
    say.say(
      dim('Each device signs up with its own key, leases jobs, fetches pages, signs and submits.'),
    );
    const tallies: DeviceTally[] = await crawlWithDevices({
      baseUrl: plaza.url,
      proxyUrl: internet.proxyUrl,
      devices,
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
    if (fetched < web.pages.size) {
      failures.push(`only ${fetched} of ${web.pages.size} pages were crawled`);
      say.fail(failures.at(-1)!);
    } else say.ok('every page of the fixture web was fetched once and judged');

    say.step('Three labelers sign in with their wallets and classify the articles');
    say.say(
      dim(`Each article is labeled by all three; ${labelers[2]!.name} is wrong on every third.`),
    );
    const labelTallies: LabelerTally[] = await labelItems({
      baseUrl: plaza.url,
      campaignId: CAMPAIGN,
      labelers,
      items: accepted,
      deadlineMs: 90_000,
      onProgress: (n) => say.progress(`labels ${n}/${accepted * labelers.length}`),
    });
    say.ok(`${labelTallies.reduce((n, t) => n + t.labels, 0)} labels stored`);

    say.step('Aggregation: Dawid–Skene weighs each labeler by how often they agree');
    await admin.aggregate(CAMPAIGN);
    // The operator's live view: labelers see their own figures only once per batch of labels.
    const { labelers: standings } = await admin.dashboard(CAMPAIGN);
    for (const tally of labelTallies) {
      const standing = standings.find((row) => row.address === tally.address.toLowerCase());
      say.say(
        `${tally.name.padEnd(20)} ${standing?.labels ?? 0} labels  ·  estimated accuracy ${pct(standing?.estimatedAccuracy ?? null)}`,
      );
    }

    say.step('The operator freezes a dataset version and publishes it on chain');
    const frozen = await freeze(plaza.url, plaza.adminKey);
    const { manifest } = frozen;
    report.dataset = {
      campaignId: CAMPAIGN,
      datasetId: manifest.datasetId,
      version: manifest.version,
      rows: manifest.rows.count,
      dir: frozen.dir,
    };
    say.say(
      `version ${manifest.version}: ${manifest.rows.count} rows, ${manifest.attribution.holders} holders, rows root ${short(manifest.rows.root)}`,
    );
    say.say(
      `on chain: dataset ${frozen.publication?.datasetId}, shares root ${short(manifest.shares.root)}, ${frozen.publication?.activated ? 'open' : 'in its timelock (the guardian may revoke it until it ends)'}`,
    );
    const sharesFile = JSON.parse(await readFile(join(frozen.dir, 'shares.json'), 'utf8')) as {
      datasetId: string;
      version: number;
      holders: Array<{ account: string; amount: string }>;
    };

    say.step('The DAO at work: shares claimed, a license bought, voted, settled, revenue paid');
    const price = options.price ?? 1_000_000_000n;
    const parties: Party[] = [...devices, ...labelers];
    const lifecycle = await runDaoLifecycle({
      rpcUrl: chain.rpcUrl,
      plaza: chain.plaza,
      stablecoin: chain.testUsd,
      shares: sharesFile,
      holders: parties,
      buyer: { name: 'the buyer (an AI lab)', privateKey: generatePrivateKey() },
      price,
      use: 'training a news-section classifier',
      onStep: (step, detail) =>
        step === 'claim-shares' || step === 'claim-revenue' || step === 'vote'
          ? say.progress(detail)
          : say.say(detail),
    });
    report.license = {
      price: lifecycle.price,
      fee: lifecycle.fee,
      revenue: lifecycle.revenue,
      decided: lifecycle.decided,
      proposalId: lifecycle.proposalId,
    };
    say.ok(
      `license ${lifecycle.proposalId} approved (${lifecycle.decided === 'majority' ? 'a majority of shares voted for' : 'quorum at the deadline'}); ` +
        `${formatUnits6(lifecycle.revenue)} TestUSD shared among ${lifecycle.holders.length} holders`,
    );
    if (!lifecycle.ok) {
      failures.push('a holder was not paid what the attribution says');
      say.fail(failures.at(-1)!);
    }

    say.step('Anyone can check the published version: plaza verify');
    const verify = await runPlazaCli(['verify', frozen.dir, '--rpc', chain.rpcUrl]);
    report.verify = { code: verify.code, stdout: verify.stdout };
    say.block(dim(`$ plaza verify ${frozen.dir} --rpc ${chain.rpcUrl}`));
    say.block(verify.stdout + (verify.stderr ? `\n${verify.stderr}` : ''));
    if (verify.code !== 0) {
      failures.push(`plaza verify exited with ${verify.code}`);
      say.fail(failures.at(-1)!);
    }

    say.step('Who contributed what, and who was paid what');
    const { weights } = manifest.attribution;
    report.people = summarize(tallies, labelTallies, lifecycle, sharesFile);
    say.block(
      formatColumns([
        [
          'person',
          'fetched',
          'accepted',
          'duplicates',
          'low quality',
          'labels',
          'share',
          'paid (TestUSD)',
          'expected',
          'match',
        ],
        ...report.people.map((p) => [
          p.name,
          dash(p.fetched),
          dash(p.accepted),
          dash(p.duplicates),
          dash(p.lowQuality),
          dash(p.labels),
          `${p.sharePercent.toFixed(2)}%`,
          formatUnits6(p.revenue),
          formatUnits6(p.expectedRevenue),
          p.matches ? '✓' : '✗',
        ]),
      ]),
    );
    const percent = (w: number) => `${Math.round(w * 100)} %`;
    for (const note of [
      `The buyer paid ${formatUnits6(lifecycle.price)} TestUSD` +
        (lifecycle.fee > 0n ? `; the dataset fee took ${formatUnits6(lifecycle.fee)}.` : '.'),
      `Each row's value (its quality) goes ${percent(weights.fetch)} to the device that fetched it, ` +
        `${percent(weights.labels)} to its labelers`,
      `by their Dawid–Skene posterior, ${percent(weights.compute)} to compute (nobody here: unallocated). ` +
        'Revenue per share is floored:',
      'at most one unit per holder stays in the contract.',
    ]) {
      say.say(dim(note));
    }
    for (const p of report.people) {
      if (!p.matches)
        failures.push(`${p.name} was paid ${p.revenue}, expected ${p.expectedRevenue}`);
    }
  } catch (error) {
    failures.push(`the demo stopped: ${(error as Error).message}`);
    say.fail(failures.at(-1)!);
  } finally {
    await plaza?.stop().catch(() => {});
    await internet?.close().catch(() => {});
    if (dataDir && !options.keep) await rm(dataDir, { recursive: true, force: true });
  }

  report.seconds = say.elapsed();
  report.exitCode = failures.length === 0 ? 0 : 1;
  say.step(failures.length === 0 ? 'Done' : 'Done, with failures');
  if (failures.length === 0) {
    say.ok(`every check passed in ${report.seconds.toFixed(1)} s`);
  } else {
    for (const failure of failures) say.fail(failure);
    say.say(`${failures.length} check(s) failed after ${report.seconds.toFixed(1)} s`);
  }
  if (options.keep && dataDir) say.say(`data kept in ${dataDir}`);
  return report;
}

/** `POST /v1/campaigns/:id/versions`, as `plaza freeze` does. */
async function freeze(baseUrl: string, adminKey: string) {
  const response = await fetch(`${baseUrl}/v1/campaigns/${CAMPAIGN}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    // Not every row is labelled: force past the safe-freeze check.
    body: JSON.stringify({ force: true }),
  });
  const body = (await response.json()) as {
    dir: string;
    publication: { datasetId: string; activated: boolean } | null;
    manifest: {
      datasetId: string;
      version: number;
      rows: { count: number; root: string };
      shares: { root: string };
      attribution: {
        holders: number;
        totalShares: string;
        weights: { fetch: number; labels: number; compute: number };
      };
    };
    error?: { code: string; message: string };
  };
  if (!response.ok) {
    throw new Error(`freeze failed: ${body.error?.code ?? response.status} ${body.error?.message}`);
  }
  return body;
}

function summarize(
  devices: readonly DeviceTally[],
  labelers: readonly LabelerTally[],
  lifecycle: DaoLifecycleResult,
  shares: { holders: ReadonlyArray<{ account: string; amount: string }> },
): DemoPerson[] {
  const total = shares.holders.reduce((n, h) => n + BigInt(h.amount), 0n);
  const outcome = (address: string) =>
    lifecycle.holders.find((h) => h.address.toLowerCase() === address.toLowerCase());
  const money = (address: string) => {
    const o = outcome(address);
    const amount = o?.shares ?? 0n;
    return {
      shares: amount,
      sharePercent: total === 0n ? 0 : Number((amount * 1_000_000n) / total) / 10_000,
      revenue: o?.revenue ?? 0n,
      expectedRevenue: o?.expectedRevenue ?? 0n,
      matches: o?.matches ?? true,
    };
  };
  const known = new Set([...devices, ...labelers].map((p) => p.address.toLowerCase()));
  return [
    ...devices.map(
      (d): DemoPerson => ({
        name: d.name,
        role: 'device',
        address: d.address,
        fetched: d.fetched,
        accepted: d.outcomes.accepted,
        duplicates: d.outcomes.duplicate + d.outcomes.near_duplicate,
        lowQuality: d.outcomes.low_quality,
        labels: null,
        ...money(d.address),
      }),
    ),
    ...labelers.map(
      (l): DemoPerson => ({
        name: l.name,
        role: 'labeler',
        address: l.address,
        fetched: null,
        accepted: null,
        duplicates: null,
        lowQuality: null,
        labels: l.labels,
        ...money(l.address),
      }),
    ),
    // Anyone else holding shares (compute devices, when a campaign uses them).
    ...lifecycle.holders
      .filter((h) => !known.has(h.address.toLowerCase()))
      .map(
        (h): DemoPerson => ({
          name: `holder ${h.address.slice(0, 10)}…`,
          role: 'other',
          address: h.address,
          fetched: null,
          accepted: null,
          duplicates: null,
          lowQuality: null,
          labels: null,
          ...money(h.address),
        }),
      ),
  ];
}

const dash = (n: number | null) => (n === null ? '—' : String(n));
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const short = (hex: string) => `${hex.slice(0, 10)}…`;
