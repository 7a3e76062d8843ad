import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plazaAbi } from '@plaza/contracts';
import { createCoordinatorClient } from '@plaza/protocol';
import { chromiumPath } from '@plaza/test-kit/env';
import { type Browser, chromium } from 'playwright-core';
import { createPublicClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActivityRecord,
  type ExtensionBrowser,
  ensureExtensionBuilt,
  launchExtensionBrowser,
  type ReceiptRecord,
} from '../harness/browser.ts';
import { type DaoLifecycleResult, runDaoLifecycle } from '../harness/dao-lifecycle.ts';
import {
  type FixtureInternet,
  pageTraffic,
  startFixtureInternet,
} from '../harness/fixture-internet.ts';
import { generateFullLoopWeb } from '../harness/generate-full-loop-web.ts';
import { labelInWebApp } from '../harness/label-in-web-app.ts';
import { ensureLabelingUiBuilt, labelingUiDir } from '../harness/labeling-ui.ts';
import { linkPayoutWallet } from '../harness/link-payout-wallet.ts';
import { type ExportedRow, recomputeShares } from '../harness/recompute-shares.ts';
import { runPlazaCli } from '../harness/run-plaza-cli.ts';
import {
  type ExtensionCoordinator,
  markFixtureHostsReady,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { startTestChain, type TestChain, testChainEnv } from '../harness/start-test-chain.ts';
import { waitFor } from '../harness/wait-for.ts';

/**
 * The whole system end to end: a fixture internet of ~200 pages (articles with exact and near
 * duplicates, spam, egress traps) crawled by three Chromium instances with the built extension,
 * each device paying out to a wallet it linked; three labelers in the web app; aggregation; a
 * version frozen and published on a local anvil; claims, a license proposed, voted, settled;
 * everyone claims revenue; `plaza verify` passes; each person is paid what the attribution says.
 */
const CAMPAIGN = 'full-loop';
const FLOOR = 0.5;
const CLASSES = ['news', 'opinion', 'other'];
const PRICE = 1_000_000_007n; // 1,000.000007 TestUSD: odd, so rounding shows.

const web = generateFullLoopWeb({
  articleHosts: 10,
  spamHosts: 5,
  unique: 24,
  copyGroups: 8,
  nearPairs: 8,
  spamPages: 100,
  seed: 9,
});
const SLOW = 'http://traps.example.com/slow';
/** A coordinator gone bad leases these anyway; the extension must refuse each, naming the rule. */
const injected: Record<string, string> = {
  'http://10.0.0.1/admin': 'IP_LITERAL',
  'http://169.254.169.254/latest/meta-data/': 'IP_LITERAL',
  'http://[::1]/': 'IP_LITERAL',
  'http://localhost/': 'LOCALHOST',
  'http://router/setup': 'SINGLE_LABEL_HOST',
  'http://printer.local/': 'SPECIAL_USE_DOMAIN',
  'http://news-01.example.com:8080/admin': 'PORT_FORBIDDEN',
  'http://user:secret@news-01.example.com/account': 'CREDENTIALS_IN_URL',
  'file:///etc/passwd': 'SCHEME_FORBIDDEN',
};

/** The class a careful labeler gives an item; the careless one is wrong on every fourth. */
const truth = (itemId: number) => itemId % CLASSES.length;
/** Someone the spec holds the key of. */
const person = (name: string) => {
  const privateKey = generatePrivateKey();
  return { name, privateKey, account: privateKeyToAccount(privateKey) };
};
const people = {
  /** The payout wallets the three devices link. */
  devices: [1, 2, 3].map((i) => person(`device ${i}`)),
  labelers: [
    { ...person('labeler ana'), choose: truth },
    { ...person('labeler ben'), choose: truth },
    {
      ...person('labeler cy (careless)'),
      choose: (id: number) => (id % 4 === 0 ? (truth(id) + 1) % CLASSES.length : truth(id)),
    },
  ],
};

const started = Date.now();
const phases: Array<[string, number]> = [];
let phaseStart = started;
const log = (message: string) =>
  console.log(`[full-loop ${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
const phaseDone = (name: string) => {
  phases.push([name, (Date.now() - phaseStart) / 1000]);
  phaseStart = Date.now();
  log(`${name} done`);
};

let chain: TestChain;
let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let exportsDir: string;
let browsers: ExtensionBrowser[] = [];
let labelerBrowser: Browser | undefined;
/** Per device (in order): its address, activity log and receipts, read before its browser closed. */
const devices: Array<{ address: string; activity: ActivityRecord[]; receipts: ReceiptRecord[] }> =
  [];
/** Per labeler (in order): the class typed for each item. */
const typed: Array<Map<number, number>> = [];
let versionDir: string;
let rows: Array<ExportedRow & { itemId: number; url: string; label: { class: number } | null }>;
let sharesFile: {
  datasetId: string;
  version: number;
  holders: Array<{ account: string; amount: string }>;
};
let manifest: {
  datasetId: string;
  version: number;
  rows: { count: number };
  attribution: {
    weights: { fetch: number; labels: number; compute: number };
    total: string;
    totalShares: string;
    unallocated: string;
    rounding: string;
  };
};

const query = <T>(text: string, params: unknown[] = []) => coordinator.query<T>(text, params);

beforeAll(async () => {
  // Builds (when the sources changed) are not part of the loop's time.
  ensureExtensionBuilt();
  ensureLabelingUiBuilt();
  phaseStart = Date.now();
  phases.push(['builds (extension, web app) when stale', (phaseStart - started) / 1000]);
  chain = await startTestChain();
  internet = await startFixtureInternet(web.sites);
  exportsDir = await mkdtemp(join(tmpdir(), 'plaza-full-loop-'));
  coordinator = await startExtensionCoordinator({
    internet,
    publisher: chain.publisher,
    env: { ...testChainEnv, PLAZA_UI_DIR: labelingUiDir, PLAZA_EXPORTS_DIR: exportsDir },
  });
  await markFixtureHostsReady(coordinator, web.sites);
  phaseDone('setup (chain, coordinator, fixture internet)');
}, 600_000);

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => {});
  await labelerBrowser?.close().catch(() => {});
  await coordinator?.close();
  await internet?.close();
  await chain?.stop();
  if (exportsDir) await rm(exportsDir, { recursive: true, force: true });
  const total = (Date.now() - started) / 1000;
  console.log(
    `[full-loop] time by phase:\n${phases.map(([name, s]) => `  ${name.padEnd(58)} ${s.toFixed(1)} s`).join('\n')}\n  ${'total'.padEnd(58)} ${total.toFixed(1)} s`,
  );
});

/** The steps depend on each other: once one fails, the later ones say so instead of running. */
let failedStep: string | null = null;
const step = (name: string, run: () => Promise<void>, timeoutMs: number) =>
  it(
    name,
    async () => {
      if (failedStep) throw new Error(`Not run: the step "${failedStep}" failed.`);
      try {
        await run();
      } catch (error) {
        failedStep = name;
        throw error;
      }
    },
    timeoutMs,
  );

describe('the full loop', () => {
  step(
    'three extensions, each paying out to a linked wallet, crawl the fixture web until the frontier drains',
    async () => {
      // Launched one after the other (a Chromium start is the heaviest moment), then all set to
      // the coordinator at once so they share the frontier.
      for (let i = 0; i < 3; i++) {
        browsers.push(
          await launchExtensionBrowser({
            proxyUrl: internet.proxyUrl,
            // The coordinator goes direct; so does the extension's default coordinator
            // (127.0.0.1:8787), which it asks about itself until it is set to this one.
            bypass: [`127.0.0.1:${coordinator.port}`, '127.0.0.1:8787'],
          }),
        );
      }
      // They register before there is any work (no campaign yet), and link their wallets.
      await Promise.all(
        browsers.map((b) => b.setSettings({ coordinatorUrl: coordinator.url, concurrency: 1 })),
      );
      await waitFor(
        async () =>
          (await query<{ n: number }>('select count(*)::int as n from devices'))[0]!.n === 3,
        { timeoutMs: 60_000, what: 'the three devices to register' },
      );
      for (const [i, browser] of browsers.entries()) {
        const address = await linkPayoutWallet(browser, people.devices[i]!.account);
        devices.push({ address, activity: [], receipts: [] });
      }
      log('3 devices registered, payout wallets linked');

      // The frontier is shared, made certain by events rather than by which Chromium is quicker:
      // the campaign opens while the fixture web holds every page answer, so a device's lane
      // waits on its first page and, at concurrency 1, it holds at most five jobs of the 16
      // hosts; once each of the three holds a job for a fixture page, the pages are released and
      // every device goes on at concurrency 2. Each held page becomes a receipt of its device.
      const release = internet.holdPages();
      await coordinator.createCampaign({
        id: CAMPAIGN,
        name: 'Full loop',
        seeds: web.seeds,
        scope: { hosts: web.hosts },
        politeness: { minDelayMs: 0 },
        labelSchema: { kind: 'classification', classes: CLASSES },
        overlap: 3,
        goldFraction: 0,
        blindFraction: 0,
        qualityFloor: FLOOR,
      });
      await coordinator.injectUrls(
        CAMPAIGN,
        Object.keys(injected).map((url, i) => ({ url, host: `injected-${i}` })),
      );
      await Promise.all(browsers.map((b) => b.kick()));
      let holding: string[] = [];
      await waitFor(
        async () => {
          holding = (
            await query<{ device: string }>(
              `select distinct j.device_address as device from jobs j
               join frontier_urls f on f.id = j.frontier_url_id
               where j.state = 'leased' and f.host not like 'injected-%'`,
            )
          ).map((r) => r.device);
          return devices.every((d) => holding.includes(d.address));
        },
        {
          timeoutMs: 60_000,
          what: 'each device to hold a job for a fixture page',
          explain: () => holding,
        },
      );
      release();
      await Promise.all(browsers.map((b) => b.setSettings({ concurrency: 2 })));

      const reported = [...web.pages.keys()].filter((url) => url !== SLOW);
      let missing: string[] = [];
      let last = 0;
      await waitFor(
        async () => {
          const done = new Set(
            (await query<{ url: string }>('select distinct url from contributions')).map(
              (r) => r.url,
            ),
          );
          missing = reported.filter((url) => !done.has(url));
          if (Date.now() - last > 5_000) {
            last = Date.now();
            log(`crawl: ${reported.length - missing.length} of ${reported.length} pages submitted`);
          }
          if (missing.length > 0) return false;
          // Everything reportable is in; the rest must at least have been tried.
          const tried = new Set<string>();
          for (const browser of browsers) {
            for (const entry of await browser.activity()) tried.add(entry.url);
          }
          missing = [SLOW, ...Object.keys(injected)].filter((url) => !tried.has(url));
          return missing.length === 0;
        },
        {
          timeoutMs: 240_000,
          everyMs: 1_000,
          what: 'the frontier to drain',
          explain: () => missing,
        },
      );
      for (const [i, browser] of browsers.entries()) {
        devices[i]!.activity = await browser.activity();
        devices[i]!.receipts = await browser.receipts();
      }
      for (const browser of browsers) await browser.close();
      browsers = [];
      phaseDone('crawl by 3 extensions');

      const linked = await query<{ address: string; payout_address: string }>(
        'select address, payout_address from devices order by address',
      );
      expect(new Map(linked.map((d) => [d.address, d.payout_address]))).toEqual(
        new Map(
          devices.map((d, i) => [d.address, people.devices[i]!.account.address.toLowerCase()]),
        ),
      );
      // The frontier shared the work: every device has receipts (its first, held page at
      // least). Who fetched what beyond that is checked against the rows and the shares below.
      const accepted = devices.map(
        (d) => d.receipts.filter((r) => r.receipt?.outcome === 'accepted').length,
      );
      log(`accepted receipts per device: ${accepted.join(', ')}`);
      expect(accepted.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      for (const device of devices) {
        const signed = device.receipts.filter((r) => r.receipt !== undefined);
        expect(signed.length, device.address).toBeGreaterThan(0);
      }
    },
    600_000,
  );

  step(
    'lets zero forbidden requests reach the network, and refuses every forbidden URL leased',
    async () => {
      // Only the fixture web's own pages and robots.txt were asked for, with GET, whatever the
      // host: no embedded script or pixel, no link to a private address, no redirect target. The
      // list is the fixture's own, independent of the egress check under test.
      const known = new Set([
        ...web.pages.keys(),
        ...web.hosts.map((h) => `http://${h}/robots.txt`),
      ]);
      const forbidden = pageTraffic(internet.requests).filter(
        (r) => r.method !== 'GET' || !known.has(r.url),
      );
      expect(forbidden.map((r) => `${r.method} ${r.url}`)).toEqual([]);
      for (const request of internet.requests) {
        expect(request.headers.cookie, request.url).toBeUndefined();
        expect(request.headers.authorization, request.url).toBeUndefined();
      }
      for (const link of web.forbiddenLinks) {
        expect(internet.requests.map((r) => r.url)).not.toContain(link);
      }
      const activity = devices.flatMap((d) => d.activity);
      for (const [url, code] of Object.entries(injected)) {
        const tries = activity.filter((e) => e.url === url && e.kind === 'page');
        expect(tries.length, url).toBeGreaterThan(0);
        for (const entry of tries) {
          expect(entry, url).toMatchObject({ outcome: 'refused', code, status: 0, bytes: 0 });
        }
      }
      // The redirects to private addresses were reported, not followed.
      const redirects = await query<{ url: string; reason: string }>(
        `select url, reason from contributions where url like 'http://traps.example.com/go/%'`,
      );
      expect(redirects).toHaveLength(6);
      for (const r of redirects) expect(r.reason, r.url).toBe('OPAQUE_REDIRECT');
      // The coordinator kept every forbidden link out of the frontier.
      const queued = new Set(
        (
          await query<{ url: string }>(
            `select url from frontier_urls where campaign_id = $1 and host not like 'injected-%'`,
            [CAMPAIGN],
          )
        ).map((r) => r.url),
      );
      for (const link of web.forbiddenLinks) expect(queued.has(link), link).toBe(false);
    },
    120_000,
  );

  step(
    'stores every allowed page once: exact duplicates joined, near duplicates flagged, spam below the floor',
    async () => {
      const contributions = await query<{
        url: string;
        outcome: string;
        item_id: string | null;
        device_address: string;
        id: string;
      }>(
        `select id, url, outcome, item_id::text, device_address from contributions
       where campaign_id = $1`,
        [CAMPAIGN],
      );
      const byUrl = new Map<string, typeof contributions>();
      for (const c of contributions) byUrl.set(c.url, [...(byUrl.get(c.url) ?? []), c]);
      for (const url of web.pages.keys()) {
        if (url !== SLOW) expect(byUrl.get(url)?.length, url).toBe(1);
      }
      const items = await query<{ id: string; url: string; content_hash: string; quality: number }>(
        `select id::text, url, content_hash, quality_score as quality from items where campaign_id = $1`,
        [CAMPAIGN],
      );
      expect(new Set(items.map((i) => i.content_hash)).size).toBe(items.length);
      const itemById = new Map(items.map((i) => [i.id, i]));

      // Article groups: one accepted page; the others join its item as duplicate or near_duplicate.
      const groups = new Map<
        number,
        Array<{ kind: string; outcome: string; itemId: string | null }>
      >();
      for (const page of web.pages.values()) {
        if (page.group === undefined) continue;
        const c = byUrl.get(page.url)![0]!;
        groups.set(page.group, [
          ...(groups.get(page.group) ?? []),
          { kind: page.kind, outcome: c.outcome, itemId: c.item_id },
        ]);
      }
      let exact = 0;
      let near = 0;
      for (const [group, pages] of groups) {
        const outcomes = pages.map((p) => p.outcome).sort();
        const kinds = new Set(pages.map((p) => p.kind));
        if (kinds.has('near'))
          expect(outcomes, `group ${group}`).toEqual(['accepted', 'near_duplicate']);
        else if (kinds.has('copy')) {
          expect(outcomes, `group ${group}`).toEqual(['accepted', 'duplicate', 'duplicate']);
        } else expect(outcomes, `group ${group}`).toEqual(['accepted']);
        expect(new Set(pages.map((p) => p.itemId)).size, `group ${group}`).toBe(1);
        expect(itemById.get(pages[0]!.itemId!)!.quality).toBeGreaterThanOrEqual(FLOOR);
        exact += outcomes.filter((o) => o === 'duplicate').length;
        near += outcomes.filter((o) => o === 'near_duplicate').length;
      }
      expect(exact).toBe(web.expected.exactDuplicates);
      expect(near).toBe(web.expected.nearDuplicates);

      // Spam and front pages: stored (or joined to a stored page) below the quality floor.
      for (const page of web.pages.values()) {
        if (page.kind !== 'spam' && page.kind !== 'index') continue;
        const c = byUrl.get(page.url)![0]!;
        expect(['low_quality', 'duplicate', 'near_duplicate'], page.url).toContain(c.outcome);
        expect(itemById.get(c.item_id!)!.quality, page.url).toBeLessThan(FLOOR);
      }
      const above = items.filter((i) => i.quality >= FLOOR);
      expect(above).toHaveLength(web.expected.articles);
      const spamCount = [...web.pages.values()].filter((p) => p.kind === 'spam').length;
      log(
        `${web.pages.size} pages + ${Object.keys(injected).length} injected: ${items.length} items, ` +
          `${above.length} above the floor, ${exact} exact and ${near} near duplicates, ${spamCount} spam`,
      );

      // Each device's receipts are the coordinator's record of what it fetched.
      for (const device of devices) {
        const mine = contributions.filter((c) => c.device_address === device.address);
        expect(new Set(device.receipts.flatMap((r) => r.receipt?.contributionId ?? []))).toEqual(
          new Set(mine.map((c) => c.id)),
        );
      }
    },
    120_000,
  );

  step(
    'three labelers label every item above the floor in the web app, by keyboard',
    async () => {
      labelerBrowser = await chromium.launch({
        executablePath: chromiumPath(),
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage'],
      });
      const above = (
        await query<{ id: number }>(
          'select id::int from items where campaign_id = $1 and quality_score >= $2 order by id',
          [CAMPAIGN, FLOOR],
        )
      ).map((r) => r.id);
      const counts = [0, 0, 0];
      const ticker = setInterval(() => log(`labels: ${counts.join(' / ')}`), 5_000);
      try {
        const sessions = await Promise.all(
          people.labelers.map((labeler, i) =>
            labelInWebApp({
              browser: labelerBrowser!,
              baseUrl: coordinator.url,
              labeler: labeler.account,
              chainId: chain.chainId,
              choose: labeler.choose,
              // Each labeler labels every item above the floor (overlap 3).
              expected: above.length,
              onLabel: (n) => {
                counts[i] = n;
              },
            }),
          ),
        );
        typed.push(...sessions);
      } finally {
        clearInterval(ticker);
      }
      await labelerBrowser.close();
      labelerBrowser = undefined;
      phaseDone('labeling by 3 labelers');

      for (const session of typed) expect([...session.keys()].sort((a, b) => a - b)).toEqual(above);
      const labels = await query<{ item_id: number; labeler: string; cls: number }>(
        `select item_id::int, labeler, (value->>'class')::int as cls from labels where campaign_id = $1`,
        [CAMPAIGN],
      );
      expect(labels).toHaveLength(3 * above.length);
      for (const label of labels) {
        const i = people.labelers.findIndex(
          (l) => l.account.address.toLowerCase() === label.labeler,
        );
        expect(i, label.labeler).toBeGreaterThanOrEqual(0);
        expect(label.cls).toBe(typed[i]!.get(label.item_id));
      }
    },
    300_000,
  );

  step(
    'aggregates, freezes and publishes a version whose shares follow the attribution rule',
    async () => {
      await createCoordinatorClient({
        baseUrl: coordinator.url,
        adminKey: coordinator.adminKey,
      }).aggregate(CAMPAIGN);
      // Freeze and publish: the admin API the CLI and the admin page call.
      const admin = {
        authorization: `Bearer ${coordinator.adminKey}`,
        'content-type': 'application/json',
      };
      const frozen = await fetch(`${coordinator.url}/v1/campaigns/${CAMPAIGN}/versions`, {
        method: 'POST',
        headers: admin,
        // Not every row is labelled: force past the safe-freeze check.
        body: JSON.stringify({ force: true }),
      });
      expect(frozen.status, await frozen.clone().text()).toBe(201);
      const { dir, publication } = (await frozen.json()) as {
        dir: string;
        publication: {
          datasetId: string;
          version: number;
          activated: boolean;
          activatesAt: number;
        };
      };
      // Proposed, in its timelock: the DAO lifecycle moves the chain's clock past it below.
      expect(publication).toMatchObject({ version: 1, activated: false });
      expect(publication.activatesAt).toBeGreaterThan(0);
      versionDir = dir;
      manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
      sharesFile = JSON.parse(await readFile(join(dir, 'shares.json'), 'utf8'));
      rows = (await readFile(join(dir, 'rows.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      phaseDone('aggregate, freeze, publish');

      // The rows are the distinct articles, each labeled by the careful majority.
      expect(manifest.rows.count).toBe(web.expected.articles);
      expect(rows).toHaveLength(web.expected.articles);
      for (const row of rows) {
        expect(['unique', 'original', 'copy', 'near'], row.url).toContain(
          web.pages.get(row.url)?.kind,
        );
        expect(row.label?.class, row.url).toBe(truth(row.itemId));
      }
      // Provenance: the fetcher is the device whose receipt says "accepted", paying to its wallet;
      // the labelers are the three people who typed the labels.
      const accepted = new Map<string, number>();
      devices.forEach((device, i) => {
        for (const r of device.receipts) {
          if (r.receipt?.outcome === 'accepted') accepted.set(r.receipt.contributionId, i);
        }
      });
      const labelerAddresses = people.labelers.map((l) => l.account.address.toLowerCase()).sort();
      for (const row of rows) {
        const i = accepted.get((row.provenance as { contribution?: string }).contribution ?? '');
        expect(i, row.url).toBeDefined();
        expect(row.provenance.device).toBe(devices[i!]!.address);
        expect(row.provenance.payout).toBe(people.devices[i!]!.account.address.toLowerCase());
        expect(row.provenance.labelers.map((l) => l.account).sort()).toEqual(labelerAddresses);
        expect(row.provenance.compute).toEqual([]);
      }

      // The shares are design.md's rule, recomputed here from the export alone.
      const recomputed = recomputeShares(
        rows,
        manifest.attribution.weights,
        BigInt(manifest.attribution.total),
      );
      expect(
        new Map(sharesFile.holders.map((h) => [h.account.toLowerCase(), BigInt(h.amount)])),
      ).toEqual(recomputed);
      const total = BigInt(manifest.attribution.total);
      const sumOf = (accounts: string[]) =>
        accounts.reduce((sum, a) => sum + (recomputed.get(a.toLowerCase()) ?? 0n), 0n);
      const deviceShares = sumOf(people.devices.map((d) => d.account.address));
      const labelerShares = sumOf(people.labelers.map((l) => l.account.address));
      // Every row has a linked fetcher and three labelers; nobody computed pre-labels: 40 / 50 / 10 %
      // unallocated, less at most one share per holder of rounding.
      expect((total * 4n) / 10n - deviceShares).toBeGreaterThanOrEqual(0n);
      expect((total * 4n) / 10n - deviceShares).toBeLessThanOrEqual(3n);
      expect(total / 2n - labelerShares).toBeGreaterThanOrEqual(0n);
      expect(total / 2n - labelerShares).toBeLessThanOrEqual(3n);
      expect(BigInt(manifest.attribution.unallocated)).toBe(total / 10n);
      // Each device's part is its rows' share of the total value.
      const value = rows.reduce((sum, r) => sum + r.quality, 0);
      devices.forEach((_, i) => {
        const mine = rows.filter(
          (r) => r.provenance.payout === people.devices[i]!.account.address.toLowerCase(),
        );
        const expected = (0.4 * mine.reduce((s, r) => s + r.quality, 0)) / value;
        const got =
          Number(recomputed.get(people.devices[i]!.account.address.toLowerCase()) ?? 0n) /
          Number(total);
        expect(got).toBeCloseTo(expected, 9);
      });
      // The careless labeler's posteriors are lower, and so are their shares.
      const [ana, ben, cy] = people.labelers.map(
        (l) => recomputed.get(l.account.address.toLowerCase())!,
      );
      expect(cy!).toBeLessThan(ana!);
      expect(cy!).toBeLessThan(ben!);

      const client = createPublicClient({ transport: http(chain.rpcUrl) });
      const onChain = await client.readContract({
        address: chain.plaza,
        abi: plazaAbi,
        functionName: 'getVersion',
        args: [BigInt(publication.datasetId), publication.version],
      });
      expect(String(onChain.totalShares)).toBe(manifest.attribution.totalShares);
    },
    180_000,
  );

  step(
    '`plaza verify` passes on the export, from the files and against the chain',
    async () => {
      // From the files alone, and against the chain (the manifest's hash, root and total).
      const [offline, online] = await Promise.all([
        runPlazaCli(['verify', versionDir]),
        runPlazaCli(['verify', join(versionDir, 'manifest.json'), '--rpc', chain.rpcUrl]),
      ]);
      expect(offline.code, offline.stdout + offline.stderr).toBe(0);
      expect(offline.stdout).toContain(
        'OK: the files, the rows root, every share and the shares root',
      );
      expect(online.code, online.stdout + online.stderr).toBe(0);
      expect(online.stdout).toContain('OK:');
      phaseDone('plaza verify (twice)');
    },
    120_000,
  );

  step(
    'holders claim, a buyer licenses, holders vote and settle, and everyone is paid their attribution to the wei',
    async () => {
      // The holders: every labeler, and every device whose pages became rows (its payout wallet).
      const fetchers = new Set(rows.map((r) => r.provenance.payout));
      const holders = [
        ...people.devices.filter((d) => fetchers.has(d.account.address.toLowerCase())),
        ...people.labelers,
      ];
      expect(holders.length).toBeGreaterThanOrEqual(people.labelers.length + 1);
      const result: DaoLifecycleResult = await runDaoLifecycle({
        rpcUrl: chain.rpcUrl,
        plaza: chain.plaza,
        stablecoin: chain.testUsd,
        shares: sharesFile,
        holders,
        buyer: person('buyer'),
        price: PRICE,
        onStep: (step, detail) => log(`dao ${step}: ${detail}`),
      });
      phaseDone('claims, license, vote, settle, revenue');

      expect(result.ok).toBe(true);
      // Every holder of the version is one of these people, and every one of them is a holder.
      expect(result.holders.map((h) => h.address.toLowerCase()).sort()).toEqual(
        holders.map((h) => h.account.address.toLowerCase()).sort(),
      );
      const total = BigInt(manifest.attribution.totalShares);
      const summary: string[] = [];
      const did = new Map<string, string>();
      for (const d of people.devices) {
        const address = d.account.address.toLowerCase();
        did.set(
          address,
          `${rows.filter((r) => r.provenance.payout === address).length} rows fetched`,
        );
      }
      people.labelers.forEach((l, i) => {
        did.set(l.account.address.toLowerCase(), `${typed[i]!.size} items labeled`);
      });
      for (const holder of result.holders) {
        expect(holder.claimed, holder.name).toBe(true);
        expect(holder.shares).toBe(
          BigInt(
            sharesFile.holders.find(
              (h) => h.account.toLowerCase() === holder.address.toLowerCase(),
            )!.amount,
          ),
        );
        expect(holder.revenue, holder.name).toBe(holder.expectedRevenue);
        expect(holder.revenue).toBeGreaterThan(0n);
        // The attributed fraction of the revenue, less at most one unit of rounding.
        const exact = (result.revenue * holder.shares) / total;
        expect(exact - holder.revenue, holder.name).toBeGreaterThanOrEqual(0n);
        expect(exact - holder.revenue, holder.name).toBeLessThanOrEqual(1n);
        summary.push(
          `  ${holder.name.padEnd(22)} ${(did.get(holder.address.toLowerCase()) ?? '').padEnd(18)} ` +
            `${holder.shares.toString().padStart(26)} shares ${holder.revenue.toString().padStart(12)} paid`,
        );
      }
      const paid = result.holders.reduce((sum, h) => sum + h.revenue, 0n);
      expect(paid).toBeLessThanOrEqual(result.revenue);
      console.log(
        `[full-loop] who was paid what (TestUSD units, 6 decimals):\n${summary.join('\n')}`,
      );
    },
    120_000,
  );
});
